import type { ActivityDeps } from '../deps.js';
import { cliFailure, runCli } from '../lib/run-cli.js';
import { invalidInput } from '../lib/step-activity.js';

export interface UseClusterInput {
  /** The Minishift profile whose VM later `oc` calls must reach. */
  profile: string;
  user: string;
}

/**
 * The `useCluster` activity: points the worker's kubeconfig at one profile's VM (`oc login -u system:admin
 * https://<VM IP>:8443`, with the credentials minishift left there). Install steps run `oc` against the current
 * context, which is whichever VM was started or logged in to last; a paused install of an `installs` lab is resumed
 * only after this, so its failed step reaches its own VM again.
 */
export function createUseCluster(deps: ActivityDeps) {
  return async function useCluster(input: UseClusterInput): Promise<{ profile: string; server: string }> {
    if (!input?.profile) throw invalidInput('useCluster needs a profile');
    const ip = await runCli(deps, { cli: 'minishift', args: ['ip', '--profile', input.profile], timeoutMs: 60_000 });
    if (ip.exitCode !== 0) throw cliFailure(deps, ip, `minishift ip --profile ${input.profile} failed`);
    const server = `https://${ip.stdout.trim()}:8443`;
    const login = await runCli(deps, { cli: 'oc', args: ['login', '-u', input.user, server], timeoutMs: 60_000 });
    if (login.exitCode !== 0) throw cliFailure(deps, login, `oc login -u ${input.user} ${server} failed`);
    return { profile: input.profile, server };
  };
}
