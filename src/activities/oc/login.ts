import type { ActivityDeps } from '../deps.js';
import { cliFailure, runCli } from '../lib/run-cli.js';
import { stepActivity } from '../lib/step-activity.js';

export interface LoginInput {
  user: string;
}

export interface LoginOutput {
  user: string;
  server?: string;
}

/**
 * `oc login -u system:admin` with the client-certificate credentials Minishift put in the kubeconfig.
 * Logging in twice is harmless (oc prints the same success text), so no look-up is needed first.
 */
export function createLogin(deps: ActivityDeps) {
  return stepActivity(async (input: LoginInput) => {
    const res = await runCli(deps, { cli: 'oc', args: ['login', '-u', input.user], timeoutMs: 60_000 });
    if (res.exitCode !== 0) {
      throw cliFailure(deps, res, `oc login -u ${input.user} failed`, {
        type: 'CliFailed',
        retryable: true,
        suggestion: 'oc login -u system:admin works only with the kubeconfig minishift wrote (KUBECONFIG of the worker)',
      });
    }
    const server = /Logged into "([^"]+)"/.exec(res.stdout)?.[1];
    return { output: { user: input.user, server } satisfies LoginOutput };
  });
}
