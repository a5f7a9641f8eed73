/**
 * Webhook notifications: the event names, the payload a receiver gets, the pure builder workflows use, and the
 * activity options to call `notify` with. Workflow-safe: no Node imports (types only from elsewhere).
 */
import type { ActivityOptions } from '@temporalio/common';

import { ErrorType } from './errors.js';
import type { InstallStatus } from './install-status.js';

/** What happened: an install ended or paused, or a lab became ready or was torn down. */
export type NotificationEvent = 'installed' | 'paused' | 'failed' | 'lab-ready' | 'lab-torn-down';

/** Every event name, for validation and docs. */
export const NOTIFICATION_EVENTS: readonly NotificationEvent[] = ['installed', 'paused', 'failed', 'lab-ready', 'lab-torn-down'];

/** Failure type of a webhook that answered 4xx (other than 408/429): retrying the same request cannot help. */
export const WEBHOOK_REJECTED = ErrorType.WebhookRejected;

/** The JSON body a webhook receives. It never carries secret values: the activity redacts every string again. */
export interface Notification {
  /** Stable across retries of one notification: receivers de-duplicate on it (also sent as `Idempotency-Key`). */
  id: string;
  event: NotificationEvent;
  workflowId: string;
  project?: string;
  lab?: string;
  /** The state of the install or lab when the event fired (`installed`, `paused`, `failed`, `ready`, …). */
  state: string;
  /** The step that paused or failed. */
  step?: string;
  error?: { type: string; message: string };
  /** Outputs (URLs, user names, where secrets live — never their values). */
  outputs?: Record<string, unknown>;
  /** ISO 8601 time of the event. */
  at: string;
}

/** Input of the `notify` activity. */
export interface NotifyInput {
  /** The webhook (http or https). Treat it as a secret: chat webhooks carry their token in the path. */
  url: string;
  notification: Notification;
  /** Per-attempt HTTP timeout. @default 10000 */
  timeoutMs?: number;
}

/** What `notify` returns once the receiver accepted the event. */
export interface NotifyResult {
  id: string;
  status: number;
}

/** The fields {@link notificationPayload} takes; `id` defaults to one derived from workflow, event and time. */
export type NotificationFields = Omit<Notification, 'id' | 'at'> & { id?: string; at: Date | string };

/**
 * Builds a notification (pure and deterministic, so workflows can call it: pass `new Date()` from the workflow,
 * which is replay-safe there). Empty optional fields are left out.
 */
export function notificationPayload(fields: NotificationFields): Notification {
  const at = typeof fields.at === 'string' ? fields.at : fields.at.toISOString();
  const out: Notification = {
    id: fields.id ?? `${fields.workflowId}/${fields.event}/${at}`,
    event: fields.event,
    workflowId: fields.workflowId,
    state: fields.state,
    at,
  };
  if (fields.project) out.project = fields.project;
  if (fields.lab) out.lab = fields.lab;
  if (fields.step) out.step = fields.step;
  if (fields.error) out.error = { type: fields.error.type, message: fields.error.message };
  if (fields.outputs && Object.keys(fields.outputs).length > 0) out.outputs = fields.outputs;
  return out;
}

/**
 * The notification for an install's `installed`, `paused` or `failed` event, from its status: the step and error
 * of the pause or of the failed step; outputs only once installed.
 */
export function installNotification(event: 'installed' | 'paused' | 'failed', status: InstallStatus, at: Date | string, lab?: string): Notification {
  const failedStep = [...status.steps].reverse().find((s) => s.state === 'failed');
  const step = status.pause?.step ?? failedStep?.name ?? (event === 'installed' ? undefined : status.currentStep);
  const error = status.pause?.error ?? failedStep?.error;
  return notificationPayload({
    event,
    workflowId: status.workflowId,
    project: status.project,
    lab,
    state: status.state,
    step,
    error: event === 'installed' || !error ? undefined : { type: error.type, message: error.message },
    outputs: event === 'installed' ? status.outputs : undefined,
    at,
  });
}

/**
 * Activity options for `notify`: a short per-attempt timeout and about five attempts with backoff (roughly two
 * minutes in all), so a webhook that is down for a moment still gets the event. A notification must never change
 * an install's outcome: callers catch a final failure and log it.
 */
export const notifyOptions = {
  startToCloseTimeout: '30s',
  retry: {
    initialInterval: '2s',
    backoffCoefficient: 2,
    maximumInterval: '1m',
    maximumAttempts: 5,
    nonRetryableErrorTypes: ['InvalidInput', WEBHOOK_REJECTED],
  },
} satisfies ActivityOptions;
