import { ApplicationFailure } from '@temporalio/common';

import { fetchStatus } from '../../cli/install-handle.js';
import type { InstallStatus } from '../../shared/install-status.js';
import type { ActivityDeps } from '../deps.js';

export interface InstallOutcomeInput {
  workflowId: string;
}

/**
 * The `installOutcome` activity: the current status of an install workflow (running or closed), read through the
 * worker's client. A lab uses it for installs started by an earlier run (before continue-as-new), whose results it
 * cannot await and whose last signal may not have reached it.
 */
export function createInstallOutcome(deps: ActivityDeps) {
  return async function installOutcome(input: InstallOutcomeInput): Promise<InstallStatus> {
    if (!deps.client) throw ApplicationFailure.create({ type: 'InvalidInput', nonRetryable: true, message: 'the worker has no Temporal client to read install status with' });
    return fetchStatus(deps.client.workflow.getHandle(input.workflowId));
  };
}
