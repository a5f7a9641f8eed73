import { ActivityFailure, ApplicationFailure, isCancellation } from '@temporalio/workflow';

import type { InstallNote } from '../../shared/messages.js';
import type { LabError } from '../../shared/lab-status.js';
import type { StudentRecord } from './memory.js';
import type { Prerequisites } from './runtime.js';

/** What differs between the two lab layouts; the lab's loop, scheduler and teardown drive it. */
export interface LabLayoutDriver {
  /** Prepares the layout (`tenants`: starts the shared install unless the carried memory has it). */
  start(): Promise<void>;
  /** Whether students may start provisioning. */
  prerequisites(): Prerequisites;
  /** How many students may provision at once, given the spec's concurrency. */
  capacity(concurrency: number): number;
  /** Starts a pending student's provisioning (tracked as in-flight work where the lab awaits something). */
  provision(s: StudentRecord): void;
  /** Retries a paused or failed student. */
  resume(s: StudentRecord): void;
  /** Stops a provisioning run the lab awaits, before its removal (no-op where a teardown stops it). */
  cancel(s: StudentRecord): void;
  /** Tears one student down: state removing, then removed (or failed, with the reason). */
  remove(s: StudentRecord): Promise<void>;
  /** The layout's own teardown after every student (`tenants`: the shared install). */
  teardownShared(): Promise<void>;
  /** An install the lab started changed state. */
  onNote(note: InstallNote): void;
  /** Installs still going that an earlier run started (before continue-as-new): their results cannot be awaited. */
  inherited(): Array<{ key: string; workflowId: string }>;
}

/** The type and message of a failure, for a student's status (messages were redacted where they arose). */
export function labError(err: unknown): LabError {
  if (isCancellation(err)) return { type: 'Cancelled', message: 'cancelled' };
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure) return { type: cause.type ?? 'Error', message: cause.message };
  const e = cause as Error | undefined;
  return { type: e?.name ?? 'Error', message: e?.message ?? String(err) };
}

/** `https://host/…` → host (the workflow sandbox has no need for a full URL parser). */
export function hostOf(url: unknown): string | undefined {
  return typeof url === 'string' ? /^https?:\/\/([^/:]+)/.exec(url)?.[1] : undefined;
}

/** The string outputs of an install worth showing for a student (URLs; never secrets: installs publish none). */
export function urlOutputs(outputs: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['adminPortal', 'masterPortal', 'stagingGateway', 'productionGateway']) {
    if (typeof outputs[key] === 'string') out[key] = outputs[key];
  }
  return out;
}
