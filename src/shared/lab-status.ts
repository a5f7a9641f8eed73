/** The state of a lab as the `status` query, `amp-installer lab status --json` and the Web UI show it (no secrets). */
import type { InstallState } from './install-status.js';
import type { LabLayout } from './lab-spec.js';

/** Where one student environment is. */
export type StudentState = 'pending' | 'provisioning' | 'ready' | 'paused' | 'failed' | 'removing' | 'removed';

/** Every student state, in the order the CLI lists counts. */
export const STUDENT_STATES: readonly StudentState[] = ['pending', 'provisioning', 'ready', 'paused', 'failed', 'removing', 'removed'];

/**
 * Where the lab is: provisioning while a student can still make progress; ready when every student is ready;
 * paused when nothing moves without a human (a student, or the shared install, is paused or failed).
 */
export type LabState = 'provisioning' | 'ready' | 'paused' | 'failed' | 'tearing-down' | 'torn-down';

/** A failure as the lab shows it (already redacted by the activity or install that reported it). */
export interface LabError {
  type: string;
  message: string;
}

/** One student environment, without secrets. */
export interface StudentStatus {
  name: string;
  state: StudentState;
  /** URLs only: admin portal, staging gateway (credentials come only from the `credentials` query). */
  outputs: Record<string, string>;
  error?: LabError;
  /** `installs` layout: the student's own install workflow (resume it with `amp-installer resume <id>`). */
  installWorkflowId?: string;
  /** `installs` layout: the step the student's install is at. */
  step?: string;
  /** `tenants` layout: the tenant's account id in the shared 3scale (not a secret). */
  tenantId?: number;
  /** Provisioning runs of this student (more than 1 after a resume). */
  runs: number;
  /** When the latest provisioning run started and when the student became ready (ISO 8601). */
  provisioningStartedAt?: string;
  readyAt?: string;
  /** `lab resume` asked for another run: it goes first when a slot is free. */
  resumeRequested?: boolean;
  /** `lab remove` asked for its teardown. */
  removeRequested?: boolean;
  /** When it paused or failed, and when it was removed. */
  stoppedAt?: string;
  removedAt?: string;
}

/** The shared install of a `tenants` lab, as its `installNote` signals describe it. */
export interface SharedInstallStatus {
  workflowId: string;
  state: InstallState | 'starting' | 'torn-down';
  step?: string;
  error?: LabError;
  outputs: Record<string, unknown>;
}

export interface LabStatus {
  name: string;
  workflowId: string;
  layout: LabLayout;
  state: LabState;
  /** When the TTL ends and the lab is torn down (ISO 8601); `lab extend` moves it. */
  deadline: string;
  startedAt: string;
  endedAt?: string;
  concurrency: number;
  canary?: string;
  shared?: SharedInstallStatus;
  students: StudentStatus[];
  /** How many students are in each state. */
  counts: Partial<Record<StudentState, number>>;
  /** Runs before this one (continue-as-new keeps the history small). */
  continuedAsNew: number;
  /** Why the lab is torn down: its TTL ran out, or `lab down`. */
  teardownReason?: 'ttl' | 'down';
  summary?: string;
  warnings: string[];
}

/** A student's credentials (only the `credentials` query returns them; they never reach details, logs or webhooks). */
export interface StudentCredentials {
  adminUsername: string;
  adminPassword?: string;
  accessToken?: string;
  /** The user_key of the student's Echo API application (what its staging gateway accepts). */
  gatewayUserKey?: string;
  /** Where credentials live when the lab does not hold them (an `installs` student: its VM's system-seed secret). */
  where?: string;
}
