import { parseIp } from '../minishift/start-cluster.js';
import type { ActivityDeps } from '../deps.js';
import type { ClusterFacts, PreflightContext } from './context.js';
import { firstLine, readCli } from './read-cli.js';
import type { CheckOutcome } from './types.js';

/**
 * The global `oc` arguments for read-only look-ups on a Minishift VM: its system:admin context (which
 * `oc cluster up` leaves in the kubeconfig) when it works, so a `minishift start` that reset the current
 * context to `developer` does not hide the project; else the current context.
 */
async function lookupArgs(deps: ActivityDeps, ip: string): Promise<{ reachable: boolean; ocArgs: string[] }> {
  const admin = ['--context', `default/${ip.replaceAll('.', '-')}:8443/system:admin`];
  if ((await readCli(deps, 'oc', ['whoami'], admin)).exitCode === 0) return { reachable: true, ocArgs: admin };
  return { reachable: (await readCli(deps, 'oc', ['whoami'])).exitCode === 0, ocArgs: [] };
}

/** Who oc's current context is logged in as, and where (recorded as the cluster facts). */
async function ocSession(ctx: PreflightContext): Promise<{ user?: string; server?: string; failure?: string }> {
  const { deps } = ctx;
  const who = await readCli(deps, 'oc', ['whoami']);
  if (who.exitCode !== 0) {
    ctx.cluster = { reachable: false, ocArgs: [] };
    return { failure: firstLine(deps, who) };
  }
  const srv = await readCli(deps, 'oc', ['whoami', '--show-server']);
  const server = srv.exitCode === 0 ? srv.stdout.trim() : undefined;
  const ip = server ? /^https?:\/\/(\d{1,3}(?:\.\d{1,3}){3})[:/]?/.exec(server)?.[1] : undefined;
  ctx.cluster = { reachable: true, server, ip, ocArgs: [] };
  return { user: who.stdout.trim(), server };
}

async function minishiftCluster(ctx: PreflightContext, profile: string): Promise<CheckOutcome> {
  const { deps } = ctx;
  if (!ctx.tools?.minishift) {
    // The VM's state is unknown, but oc may still reach its cluster: the checks after this one can then run.
    const s = ctx.tools?.oc ? await ocSession(ctx) : undefined;
    return { skipped: `minishift is not available (see tools)${s?.server ? `; oc reaches ${s.server} with its current context` : ''}` };
  }
  const status = await readCli(deps, 'minishift', ['status', '--profile', profile]);
  if (status.exitCode !== 0) return { problems: [`minishift status --profile ${profile} failed: ${firstLine(deps, status)}`] };
  const vm = /^Does Not Exist/m.test(status.stdout) ? 'Does Not Exist' : /^Minishift:\s+(.+)$/m.exec(status.stdout)?.[1].trim();
  if (vm === 'Does Not Exist') {
    ctx.cluster = { vm: 'absent', reachable: false, ocArgs: [] };
    return { summary: `profile ${profile} has no VM yet: the install creates it` };
  }
  if (vm === 'Stopped') {
    ctx.cluster = { vm: 'stopped', reachable: false, ocArgs: [] };
    return { summary: `the VM of profile ${profile} is stopped: the install starts it` };
  }
  if (vm !== 'Running') {
    return {
      problems: [
        `the VM of profile ${profile} is ${vm ?? 'in an unknown state'}: the install can neither use nor start it ` +
          `(wait until it settles, or \`minishift stop --profile ${profile}\`; \`minishift delete --profile ${profile}\` if it stays broken)`,
      ],
    };
  }
  const facts: ClusterFacts = { vm: 'running', reachable: false, ocArgs: [] };
  ctx.cluster = facts;
  const openshift = /^OpenShift:\s+(\S+)/m.exec(status.stdout)?.[1];
  if (openshift !== 'Running') {
    // `minishift start` on a running VM only says it is already running: it would not bring OpenShift back.
    return { problems: [`the VM of profile ${profile} runs but OpenShift in it is ${openshift ?? 'not running'}: run \`minishift stop --profile ${profile}\`, then install again (minishift start brings it back)`] };
  }
  const ipRes = await readCli(deps, 'minishift', ['ip', '--profile', profile]);
  const ip = ipRes.exitCode === 0 ? parseIp(ipRes.stdout) : undefined;
  if (!ip) return { problems: [`minishift ip --profile ${profile} printed no IPv4 address: ${firstLine(deps, ipRes)}`] };
  Object.assign(facts, { ip, server: `https://${ip}:8443` });
  if (ctx.tools.oc) Object.assign(facts, await lookupArgs(deps, ip));
  return { summary: `the VM of profile ${profile} runs at ${ip}${facts.reachable ? '' : ' (its API server does not answer oc yet)'}` };
}

async function existingCluster(ctx: PreflightContext, expected: string | undefined): Promise<CheckOutcome> {
  if (!ctx.tools?.oc) return { skipped: 'oc is not available (see tools)' };
  const { user, server, failure } = await ocSession(ctx);
  if (failure) return { problems: [`oc whoami failed: ${failure} (the worker's kubeconfig must be logged in to the cluster)`] };
  if (expected && server && expected.replace(/\/$/, '') !== server.replace(/\/$/, '')) {
    return { problems: [`the worker's kubeconfig points at ${server}, not at ${expected} (platform.server)`], summary: `logged in as ${user}` };
  }
  return { summary: `logged in to ${server ?? 'the cluster'} as ${user}` };
}

/**
 * Check 2: the cluster is reachable, or can be started — minishift: the profile's VM runs (with OpenShift), is
 * stopped or does not exist yet; an existing cluster: the worker's kubeconfig is logged in (`oc whoami`).
 */
export async function checkCluster(ctx: PreflightContext): Promise<CheckOutcome> {
  const p = ctx.input.platform;
  return p.type === 'minishift' ? minishiftCluster(ctx, p.profile) : existingCluster(ctx, p.server);
}
