import { homedir } from 'node:os';
import { join } from 'node:path';

import { log } from '@temporalio/activity';

import type { ActivityDeps } from '../deps.js';
import { cliFailure, runCli } from '../lib/run-cli.js';
import { sessionEnv } from '../lib/session.js';
import { stepActivity } from '../lib/step-activity.js';

export interface LoginInput {
  user: string;
}

export interface LoginOutput {
  user: string;
  server?: string;
}

/** The worker's own kubeconfig (KUBECONFIG, else ~/.kube/config): the one a user's `oc` uses. */
function ownKubeconfig(deps: ActivityDeps): string {
  return deps.env.KUBECONFIG?.split(':')[0] || join(deps.env.HOME ?? homedir(), '.kube', 'config');
}

/**
 * `oc login -u system:admin` with the client-certificate credentials Minishift put in the kubeconfig — the VM's own
 * kubeconfig (the install's session), which the later steps use. Like the manual recipe, the worker's own kubeconfig
 * is logged in to the same server too, so `oc` in a shell is system:admin on the new cluster afterwards.
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
    const own = ownKubeconfig(deps);
    if (server && sessionEnv().KUBECONFIG && sessionEnv().KUBECONFIG !== own) {
      const mine = await runCli(deps, { cli: 'oc', args: ['login', '-u', input.user, server], timeoutMs: 60_000, env: { KUBECONFIG: own } });
      // Only a convenience for people: the install itself never uses this kubeconfig.
      if (mine.exitCode !== 0) log.warn('Could not log the worker kubeconfig in as well', { kubeconfig: own, exit: mine.exitCode });
    }
    return { output: { user: input.user, server } satisfies LoginOutput };
  });
}
