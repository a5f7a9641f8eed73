import { ApplicationFailure, CancelledFailure, ChildWorkflowFailure, TerminatedFailure } from '@temporalio/workflow';

import type { InstallStatus } from '../../shared/install-status.js';
import type { InstallNote } from '../../shared/messages.js';

/** The note an install's final status amounts to (what its last `installNote` would have said). */
export function noteFromStatus(key: string, status: InstallStatus): InstallNote {
  const failed = [...status.steps].reverse().find((s) => s.state === 'failed');
  const error = status.pause?.error ?? (status.state === 'installed' ? undefined : failed?.error);
  return {
    key,
    workflowId: status.workflowId,
    state: status.state,
    step: status.currentStep,
    error: error ? { type: error.type, message: error.message } : undefined,
    outputs: status.outputs,
    readiness: { ready: status.readiness.ready, total: status.readiness.total },
  };
}

/**
 * The note for a child install that ended in failure: its status travels in the failure's details (the install
 * throws with `details: [status]`); a cancelled or terminated install says so.
 */
export function noteFromFailure(key: string, workflowId: string, err: unknown): InstallNote {
  const cause = err instanceof ChildWorkflowFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure && (cause.details?.[0] as InstallStatus | undefined)?.steps) {
    return noteFromStatus(key, cause.details![0] as InstallStatus);
  }
  const state = cause instanceof CancelledFailure ? 'cancelled' : 'failed';
  const message = cause instanceof TerminatedFailure ? 'the install was terminated' : ((cause as Error | undefined)?.message ?? 'the install ended');
  return { key, workflowId, state, error: { type: state === 'cancelled' ? 'Cancelled' : 'InstallFailed', message }, outputs: {}, readiness: { ready: 0, total: 0 } };
}

/**
 * Watches a child install's result in the run that started it. An install signals its parent on every state change,
 * but its last signal (installed, failed) is sent as it completes, and the server drops a signal whose sender has
 * already completed: the child's result is what reliably tells the end.
 */
export function watchChild(key: string, workflowId: string, result: Promise<unknown>, onNote: (note: InstallNote) => void): void {
  result.then(
    (status) => onNote(noteFromStatus(key, status as InstallStatus)),
    (err: unknown) => onNote(noteFromFailure(key, workflowId, err)),
  );
}
