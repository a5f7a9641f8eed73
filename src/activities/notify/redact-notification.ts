import type { Notification } from '../../shared/notifications.js';
import type { SecretScrubber } from '../deps.js';

const MAX_DEPTH = 20;

function scrub(value: unknown, redactor: SecretScrubber, depth: number): unknown {
  if (typeof value === 'string') return redactor.redact(value);
  if (value === null || typeof value !== 'object') return value;
  // Outputs are plain JSON from the workflow; anything nested deeper than this is not ours to forward.
  if (depth > MAX_DEPTH) return '[truncated]';
  if (Array.isArray(value)) return value.map((v) => scrub(v, redactor, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactor.redact(k), scrub(v, redactor, depth + 1)]));
}

/**
 * A copy of the notification with every string (keys included) run through the redactor: the workflow built it
 * from redacted statuses already, but an error message or output may still hold a value registered later.
 */
export function redactNotification(notification: Notification, redactor: SecretScrubber): Notification {
  return scrub(notification, redactor, 0) as Notification;
}
