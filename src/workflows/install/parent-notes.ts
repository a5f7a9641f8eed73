import { getExternalWorkflowHandle, log } from '@temporalio/workflow';

import type { InstallStatus } from '../../shared/install-status.js';
import { installNoteSignal, type InstallNote } from '../../shared/messages.js';

/** Tells a parent workflow (a lab) about every state change of the install. */
export interface ParentNotes {
  tell(status: InstallStatus): void;
  /** Waits until every note was delivered: a signal still in flight when the install completes would be dropped. */
  flush(): Promise<void>;
}

/** Notes for `parent`; one that is gone (or continued-as-new later) is not an error. */
export function parentNotes(parent: { workflowId: string; key: string }): ParentNotes {
  const handle = getExternalWorkflowHandle(parent.workflowId);
  let last = '';
  const pending = new Set<Promise<void>>();
  return {
    tell(status) {
      const step = status.currentStep ? status.steps.find((s) => s.name === status.currentStep) : undefined;
      const note: InstallNote = {
        key: parent.key,
        workflowId: status.workflowId,
        state: status.state,
        step: status.currentStep,
        error: step?.error && status.state !== 'running' ? { type: step.error.type, message: step.error.message } : undefined,
        outputs: status.outputs,
        readiness: { ready: status.readiness.ready, total: status.readiness.total },
      };
      const key = JSON.stringify(note);
      if (key === last) return;
      last = key;
      const sent = handle
        .signal(installNoteSignal, note)
        .catch((err: unknown) => log.warn('Could not tell the parent', { error: (err as Error).message }))
        .finally(() => pending.delete(sent));
      pending.add(sent);
    },
    async flush() {
      await Promise.all([...pending]);
    },
  };
}
