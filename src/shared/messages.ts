/**
 * Queries, signals and updates of the `install` workflow. Workflow and client code import these definitions;
 * the names are part of the workflow's API (the Web UI sends the signals by name).
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';

import type { InstallState, InstallStatus, ReadinessProgress } from './install-status.js';

/** The install's status object. */
export const statusQuery = defineQuery<InstallStatus>('status');

/** Full diagnostics text collected when the install paused (empty otherwise). */
export const diagnosticsQuery = defineQuery<string>('diagnostics');

/** Readiness progress, sent by the waitForReadiness activity while it runs. */
export const readinessSignal = defineSignal<[ReadinessProgress]>('readinessProgress');

/** What an install tells the workflow that started it (a lab) whenever its state changes. No secrets. */
export interface InstallNote {
  /** The key the parent gave the install (e.g. the student's name). */
  key: string;
  workflowId: string;
  state: InstallState;
  step?: string;
  error?: { type: string; message: string };
  outputs: Record<string, unknown>;
  readiness: ReadinessProgress;
}

/** Sent by an install to its parent (InstallOptions.parent) on every state change. */
export const installNoteSignal = defineSignal<[InstallNote]>('installNote');

/** Arguments of resume: changes to the spec as `path=value` strings (e.g. `timeouts.waitForReadiness=60m`). */
export interface ResumeArgs {
  set?: string[];
}

/** Arguments of abort. */
export interface AbortArgs {
  /** Also delete the project (the teardown workflow's first step). */
  teardown?: boolean;
}

/** Resume a paused install from its failed step; the validator rejects invalid changes. */
export const resumeUpdate = defineUpdate<InstallStatus, [ResumeArgs]>('resume');
/** The same as {@link resumeUpdate}, as a signal (the Web UI's "Send a Signal"): invalid changes are ignored with a warning. */
export const resumeSignal = defineSignal<[ResumeArgs?]>('resume');

/** End a paused (or running) install as aborted. */
export const abortUpdate = defineUpdate<InstallStatus, [AbortArgs]>('abort');
/** The same as {@link abortUpdate}, as a signal. */
export const abortSignal = defineSignal<[AbortArgs?]>('abort');
