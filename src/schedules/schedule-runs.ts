import { WorkflowFailedError, type Client, type ScheduleExecutionResult } from '@temporalio/client';

import { fetchStatus } from '../cli/install-handle.js';
import type { InstallState } from '../shared/install-status.js';

/** How long to wait for a worker to answer an install's status query before reporting the state as unknown. */
const STATUS_TIMEOUT_MS = 10_000;

/** The install a rebuild started, as its own status reports it. */
export interface RunInstall {
  workflowId: string;
  runId: string;
  /** The install's state, or `unknown` when no worker answered its status query. */
  state: InstallState | 'unknown';
  step?: string;
  summary?: string;
}

/** One rebuild a schedule started, with its outcome. */
export interface ScheduleRun {
  workflowId: string;
  runId: string;
  scheduledAt: string;
  takenAt: string;
  /** The rebuild workflow's status: running, completed, failed, cancelled, terminated, timed_out, not_found. */
  status: string;
  /** The install this rebuild started; absent while it still tears down (or if the teardown failed). */
  install?: RunInstall;
  /** Why a failed rebuild failed (already redacted by the activities; decrypted by the codec). */
  error?: string;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The install child a rebuild started (the last one: the rebuild retries while the old install closes). */
async function installChild(client: Client, workflowId: string, runId: string): Promise<{ workflowId: string; runId: string } | undefined> {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  let found: { workflowId: string; runId: string } | undefined;
  for (const event of history.events ?? []) {
    const started = event.childWorkflowExecutionStartedEventAttributes;
    if (started?.workflowType?.name === 'install' && started.workflowExecution?.workflowId && started.workflowExecution.runId) {
      found = { workflowId: started.workflowExecution.workflowId, runId: started.workflowExecution.runId };
    }
  }
  return found;
}

async function installOf(client: Client, child: { workflowId: string; runId: string }, statusMs: number): Promise<RunInstall> {
  const status = await withTimeout(
    fetchStatus(client.workflow.getHandle(child.workflowId, child.runId)).catch(() => undefined),
    statusMs,
  );
  if (!status) return { ...child, state: 'unknown', summary: 'no worker answered the status query' };
  const step = status.pause?.step ?? (status.state === 'installed' ? undefined : status.currentStep);
  return { ...child, state: status.state, ...(step ? { step } : {}), ...(status.summary ? { summary: status.summary } : {}) };
}

async function failureOf(client: Client, workflowId: string, runId: string): Promise<string | undefined> {
  try {
    await client.workflow.getHandle(workflowId, runId).result();
    return undefined;
  } catch (err) {
    if (err instanceof WorkflowFailedError) {
      // The innermost cause says what broke (the install's or the teardown's failure).
      let cause: Error | undefined = err.cause;
      while (cause && (cause as { cause?: Error }).cause) cause = (cause as { cause?: Error }).cause;
      return cause?.message ?? err.message;
    }
    return (err as Error).message;
  }
}

/** Status, install state and error of one action a schedule took; `withInstall: false` skips the install lookup. */
export async function runOf(client: Client, action: ScheduleExecutionResult, opts: { withInstall?: boolean; statusMs?: number } = {}): Promise<ScheduleRun> {
  const { workflowId, firstExecutionRunId: runId } = action.action.workflow;
  const run: ScheduleRun = { workflowId, runId, scheduledAt: action.scheduledAt.toISOString(), takenAt: action.takenAt.toISOString(), status: 'not_found' };
  let status: string;
  try {
    status = (await client.workflow.getHandle(workflowId, runId).describe()).status.name;
  } catch {
    return run; // past the namespace's retention, or deleted
  }
  run.status = status.toLowerCase();
  if (status === 'FAILED') run.error = await failureOf(client, workflowId, runId);
  if (opts.withInstall === false) return run;
  const child = await installChild(client, workflowId, runId).catch(() => undefined);
  if (child) run.install = await installOf(client, child, opts.statusMs ?? STATUS_TIMEOUT_MS);
  return run;
}

/** The schedule's recent actions, newest first, with their outcomes (at most `limit`). */
export async function recentRuns(client: Client, actions: readonly ScheduleExecutionResult[], limit: number, withInstall = true): Promise<ScheduleRun[]> {
  const newest = [...actions].sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime()).slice(0, limit);
  return Promise.all(newest.map((a) => runOf(client, a, { withInstall })));
}
