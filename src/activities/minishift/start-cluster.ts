import { log } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';

import { ErrorType } from '../../shared/errors.js';
import type { ActivityDeps } from '../deps.js';
import { reportProgress } from '../lib/heartbeat.js';
import { cliFailure, runCli, tail } from '../lib/run-cli.js';
import { stepActivity } from '../lib/step-activity.js';
import { minishiftKubeconfig } from './kubeconfig.js';

export interface StartClusterInput {
  profile: string;
  memory: string;
  cpus: number;
  diskSize?: string;
  vmDriver?: string;
}

export interface StartClusterOutput {
  /** The VM's IPv4 address. */
  ip: string;
  /** API server URL. */
  server: string;
  profile: string;
  /** True when the VM already ran and `minishift start` was not needed. */
  alreadyRunning: boolean;
  /** The profile's own kubeconfig (later steps run oc with it), when Minishift keeps one. */
  kubeconfig?: string;
  /** Install outputs: where the VM's admin kubeconfig is. */
  publish: Record<string, string>;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** `minishift status`: the VM and OpenShift are both Running. */
export function isRunning(statusText: string): boolean {
  return /^Minishift:\s+Running$/m.test(statusText) && /^OpenShift:\s+Running/m.test(statusText);
}

/**
 * The VM's IP from `minishift ip`. Minishift prints an explanatory sentence with exit 0 when no VM runs
 * (openshift-cli.md §16), so the output must be checked to be an IPv4 address.
 */
export function parseIp(stdout: string): string | undefined {
  const line = stdout.trim();
  return IPV4.test(line) ? line : undefined;
}

/** `minishift start` unless the profile's VM runs already; then its IP. No second VM, no second start. */
export function createStartCluster(deps: ActivityDeps) {
  return stepActivity(async (input: StartClusterInput) => {
    const profile = ['--profile', input.profile];
    const status = await runCli(deps, { cli: 'minishift', args: ['status', ...profile], timeoutMs: 60_000 });
    if (status.exitCode !== 0) throw cliFailure(deps, status, 'minishift status failed');
    const alreadyRunning = isRunning(status.stdout);
    const warnings: string[] = [];
    if (!alreadyRunning && /^Minishift:\s+Running$/m.test(status.stdout)) {
      // A start that failed after the VM booted leaves it Running with OpenShift stopped; `minishift start` then only
      // says "already running" and oc gets connection refused. Stopping the VM first is the documented way out.
      warnings.push(`VM of profile ${input.profile} ran without OpenShift (an earlier start failed half-way); it was stopped and started again`);
      const stop = await runCli(deps, { cli: 'minishift', args: ['stop', ...profile], timeoutMs: 10 * 60_000 });
      if (stop.exitCode !== 0) throw cliFailure(deps, stop, 'minishift stop (to restart a VM whose OpenShift is stopped) failed');
    }
    if (!alreadyRunning) {
      reportProgress({ phase: 'starting VM' });
      const vmExists = !/^Does Not Exist/m.test(status.stdout);
      if (vmExists) warnings.push(`VM of profile ${input.profile} existed; minishift ignores --memory/--cpus for an existing VM`);
      const args = ['start', ...profile, '--memory', input.memory, '--cpus', String(input.cpus)];
      if (input.diskSize) args.push('--disk-size', input.diskSize);
      if (input.vmDriver) args.push('--vm-driver', input.vmDriver);
      const start = await runCli(deps, { cli: 'minishift', args, timeoutMs: 25 * 60_000 });
      if (start.exitCode !== 0) {
        const pullFailed = /Error pulling the OpenShift container image/.test(start.stderr);
        throw cliFailure(deps, start, 'minishift start failed', {
          type: ErrorType.VmStartFailed,
          // The origin v3.11.0 images are gone from Docker Hub: retrying cannot help, a human must provide them.
          retryable: !pullFailed,
          suggestion: pullFailed
            ? 'the openshift/origin-* v3.11.0 images are no longer on Docker Hub: pre-load them into the VM or use a cached image'
            : 'check the hypervisor (minishift start output above), then resume',
        });
      }
      log.info('VM started', { profile: input.profile });
    }
    const ipResult = await runCli(deps, { cli: 'minishift', args: ['ip', ...profile], timeoutMs: 60_000 });
    const ip = ipResult.exitCode === 0 ? parseIp(ipResult.stdout) : undefined;
    if (!ip) {
      throw ApplicationFailure.create({
        type: ErrorType.VmStartFailed,
        message: `minishift ip printed no IPv4 address: ${tail(ipResult.stdout || ipResult.stderr, 2) || `exit ${ipResult.exitCode}`}`,
        details: [{ command: ipResult.command, exitCode: ipResult.exitCode }],
      });
    }
    const kubeconfig = minishiftKubeconfig(deps, input.profile);
    // The VM's own kubeconfig holds its system:admin credentials: an output says where (a path, not a secret value).
    const publish: Record<string, string> = kubeconfig ? { adminKubeconfig: kubeconfig } : {};
    return { output: { ip, server: `https://${ip}:8443`, profile: input.profile, alreadyRunning, kubeconfig, publish } satisfies StartClusterOutput, warnings };
  });
}
