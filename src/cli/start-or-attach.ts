import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowStartOptions } from '@temporalio/client';
import type { Workflow } from '@temporalio/common';

/**
 * Starts a workflow, or — when one with the same id runs already — leaves it be: one workflow per target, and a
 * second `install`/`lab up` of it attaches. Resolves true when it attached.
 */
export async function startOrAttach<W extends Workflow>(client: Client, workflowType: string, options: WorkflowStartOptions<W>): Promise<boolean> {
  try {
    await client.workflow.start<W>(workflowType, { ...options, workflowIdConflictPolicy: 'FAIL' });
    return false;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return true;
    throw err;
  }
}
