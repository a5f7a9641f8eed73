import type { ActivityDeps } from '../deps.js';
import { cliFailure, runCli } from '../lib/run-cli.js';

export interface VmPowerInput {
  profile: string;
  /** stop: `minishift stop`; delete: `minishift delete --force` (never the prompting form: no TTY here). */
  action: 'stop' | 'delete';
}

/**
 * Stops or deletes the profile's VM. Both are idempotent in minishift itself: a stopped or absent VM prints an
 * explanatory sentence with exit 0 (openshift-cli.md §18, §19).
 */
export function createVmPower(deps: ActivityDeps) {
  return async function vmPower(input: VmPowerInput): Promise<{ profile: string; action: string; message: string }> {
    const args = input.action === 'stop' ? ['stop', '--profile', input.profile] : ['delete', '--force', '--profile', input.profile];
    const res = await runCli(deps, { cli: 'minishift', args, timeoutMs: 15 * 60_000 });
    if (res.exitCode !== 0) throw cliFailure(deps, res, `minishift ${input.action} failed`);
    return { profile: input.profile, action: input.action, message: res.stdout.trim().split('\n').pop() ?? '' };
  };
}
