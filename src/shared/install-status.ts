/** The status object of an install: what the `status` query, `amp-installer status --json` and the UI show. */

/** Where an install is. */
export type InstallState = 'running' | 'paused' | 'installed' | 'failed' | 'aborted' | 'cancelled';

/** Where a step is. */
export type StepState = 'pending' | 'running' | 'succeeded' | 'skipped' | 'failed' | 'cancelled';

/** A failure as the status shows it (already redacted by the activity that produced it). */
export interface StepError {
  type: string;
  message: string;
  diagnosis?: string;
  suggestion?: string;
}

export interface StepStatus {
  name: string;
  title: string;
  state: StepState;
  /** Activity attempts of the last run of the step (server-side retries included). */
  attempts: number;
  /** How many times the step ran (more than 1 after a resume). */
  runs: number;
  startedAt?: string;
  endedAt?: string;
  durationMs?: number;
  error?: StepError;
  /** The step's result (never secret values: activities return where secrets live, not what they are). */
  output?: unknown;
}

/** One DeploymentConfig as the readiness step sees it. */
export interface DcProgress {
  name: string;
  /** available | progressing | waiting | failed */
  state: string;
  /** Why it is not available yet, e.g. `waiting on image update`, `pre-hook restarting (3)`. */
  reason?: string;
}

export interface ReadinessProgress {
  ready: number;
  total: number;
  dcs?: DcProgress[];
}

/** Why an install is paused and how to continue. */
export interface PauseInfo {
  step: string;
  since: string;
  error: StepError;
  /** Compact diagnostics summary (full text: `amp-installer status ID --diagnostics`). */
  diagnosis?: string;
  suggestion?: string;
  resumeCommand: string;
  abortCommand: string;
}

export interface InstallStatus {
  workflowId: string;
  /** The OpenShift project the install targets (once the spec is valid). */
  project?: string;
  state: InstallState;
  currentStep?: string;
  steps: StepStatus[];
  readiness: ReadinessProgress;
  /** Outputs of the install: URLs, users, where secrets live (secret names and commands, never values). */
  outputs: Record<string, unknown>;
  pause?: PauseInfo;
  /** Problems with the spec itself (a spec started from the Web UI is validated inside the workflow). */
  specProblems?: string[];
  /** Warnings of steps (e.g. the pull secret no 2.4 object references). */
  warnings: string[];
  startedAt: string;
  endedAt?: string;
  /** How a cancelled or failed install ended, in one line. */
  summary?: string;
}
