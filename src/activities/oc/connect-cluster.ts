import { ApplicationFailure } from '@temporalio/common';

import { ErrorType } from '../../shared/errors.js';
import type { ActivityDeps } from '../deps.js';
import { cliFailure, runCli } from '../lib/run-cli.js';
import { stepActivity } from '../lib/step-activity.js';

export interface ConnectClusterInput {
  /** Expected API server URL (checked against the kubeconfig's). */
  server?: string;
  /** The cluster's router IP, for WILDCARD_DOMAIN. */
  address?: string;
}

/** Existing cluster: checks the worker's kubeconfig is logged in (and to the expected server). */
export function createConnectCluster(deps: ActivityDeps) {
  return stepActivity(async (input: ConnectClusterInput) => {
    const who = await runCli(deps, { cli: 'oc', args: ['whoami'], timeoutMs: 60_000 });
    if (who.exitCode !== 0) throw cliFailure(deps, who, 'oc whoami failed (is the worker logged in to the cluster?)');
    const srv = await runCli(deps, { cli: 'oc', args: ['whoami', '--show-server'], timeoutMs: 60_000 });
    if (srv.exitCode !== 0) throw cliFailure(deps, srv, 'oc whoami --show-server failed');
    const server = srv.stdout.trim();
    if (input.server && input.server.replace(/\/$/, '') !== server.replace(/\/$/, '')) {
      throw ApplicationFailure.create({
        type: ErrorType.InvalidInput,
        nonRetryable: true,
        message: `the worker's kubeconfig points at ${server}, not at ${input.server} (platform.server)`,
      });
    }
    const ip = input.address ?? /^https?:\/\/(\d+\.\d+\.\d+\.\d+)/.exec(server)?.[1];
    if (!ip) {
      throw ApplicationFailure.create({
        type: ErrorType.InvalidInput,
        nonRetryable: true,
        message: 'cannot tell the cluster router address: set platform.address (or threescale.wildcardDomain and router.address)',
      });
    }
    return { output: { ip, server, user: who.stdout.trim() } };
  });
}
