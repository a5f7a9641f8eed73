import type { ActivityDeps } from '../deps.js';
import { minishiftKubeconfig } from '../minishift/kubeconfig.js';
import { isRunning } from '../minishift/start-cluster.js';
import type { ClusterSession } from '../lib/session.js';
import { cliFailure, runCli } from '../lib/run-cli.js';

export interface ClusterSessionInput {
  /** The Minishift profile, or undefined for an existing cluster (the worker's kubeconfig session). */
  profile?: string;
  user: string;
}

export interface ClusterSessionOutput {
  /** False when the VM is stopped or absent: there is no cluster to act on (and nothing is started for it). */
  reachable: boolean;
  reason?: string;
  /** The session later activities pass on (the profile's own kubeconfig). */
  session?: ClusterSession;
}

/**
 * Makes sure later `oc` calls of a teardown have a session — without starting anything: a stopped or absent VM
 * means there is nothing to delete in it. A worker that never installed this target has no login yet.
 */
export function createClusterSession(deps: ActivityDeps) {
  return async function clusterSession(input: ClusterSessionInput): Promise<ClusterSessionOutput> {
    if (input.profile !== undefined) {
      const status = await runCli(deps, { cli: 'minishift', args: ['status', '--profile', input.profile], timeoutMs: 60_000 });
      if (status.exitCode !== 0) throw cliFailure(deps, status, 'minishift status failed');
      if (!isRunning(status.stdout)) return { reachable: false, reason: `the VM of profile ${input.profile} is not running (${status.stdout.split('\n')[0].trim()})` };
      const kubeconfig = minishiftKubeconfig(deps, input.profile);
      const login = await runCli(deps, { cli: 'oc', args: ['login', '-u', input.user], timeoutMs: 60_000, env: kubeconfig ? { KUBECONFIG: kubeconfig } : undefined });
      if (login.exitCode !== 0) throw cliFailure(deps, login, `oc login -u ${input.user} failed`);
      return { reachable: true, session: { kubeconfig } };
    }
    const who = await runCli(deps, { cli: 'oc', args: ['whoami'], timeoutMs: 60_000 });
    if (who.exitCode !== 0) throw cliFailure(deps, who, 'oc whoami failed (is the worker logged in to the cluster?)');
    return { reachable: true };
  };
}
