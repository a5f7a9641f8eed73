import { WorkflowFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';

import type { InstallStatus } from '../shared/install-status.js';
import { statusQuery } from '../shared/messages.js';

/** States after which nothing more happens to an install without a human. */
export const SETTLED = new Set<InstallStatus['state']>(['installed', 'failed', 'aborted', 'cancelled', 'paused']);

/** A minimal status for a workflow whose own status cannot be read (terminated, timed out). */
function synthetic(workflowId: string, state: InstallStatus['state'], summary: string): InstallStatus {
  return { workflowId, state, steps: [], readiness: { ready: 0, total: 0 }, outputs: {}, warnings: [], startedAt: '', summary };
}

/**
 * The status of an install workflow, running or closed: the `status` query while it runs; the result (or the
 * status carried in its failure) once closed.
 */
export async function fetchStatus(handle: WorkflowHandle): Promise<InstallStatus> {
  const desc = await handle.describe();
  const state = desc.status.name;
  if (state === 'RUNNING') return handle.query(statusQuery);
  if (state === 'COMPLETED') return (await handle.result()) as InstallStatus;
  if (state === 'FAILED') {
    try {
      await handle.result();
    } catch (err) {
      if (err instanceof WorkflowFailedError && err.cause instanceof ApplicationFailure && err.cause.details?.[0]) {
        return err.cause.details[0] as InstallStatus;
      }
      return synthetic(handle.workflowId, 'failed', (err as Error).message);
    }
  }
  if (state === 'CANCELLED') {
    try {
      return await handle.query(statusQuery); // replayed by a worker: knows the step it stopped at
    } catch {
      return synthetic(handle.workflowId, 'cancelled', 'The install was cancelled.');
    }
  }
  return synthetic(handle.workflowId, 'failed', `The workflow is ${state.toLowerCase()}.`);
}

/** Polls the status until `done(status)` (default: a settled state) and calls `onStatus` on every poll. */
export async function followStatus(
  client: Client,
  workflowId: string,
  onStatus: (s: InstallStatus) => void,
  opts: { intervalMs?: number; done?: (s: InstallStatus) => boolean } = {},
): Promise<InstallStatus> {
  const handle = client.workflow.getHandle(workflowId);
  const done = opts.done ?? ((s: InstallStatus) => SETTLED.has(s.state));
  for (;;) {
    const status = await fetchStatus(handle);
    onStatus(status);
    if (done(status)) return status;
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 1_000));
  }
}
