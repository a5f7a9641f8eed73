import { ApplicationFailure } from '@temporalio/common';
import { request } from 'undici';

import { ErrorType } from '../../shared/errors.js';
import { NOTIFICATION_EVENTS, WEBHOOK_REJECTED, type NotifyInput, type NotifyResult } from '../../shared/notifications.js';
import type { ActivityDeps } from '../deps.js';
import { currentContext } from '../lib/heartbeat.js';
import { invalidInput } from '../lib/step-activity.js';
import { redactNotification } from './redact-notification.js';

const DEFAULT_TIMEOUT_MS = 10_000;
/** Longest wait a receiver's Retry-After may ask for; longer asks fall back to the retry policy's backoff. */
const MAX_RETRY_AFTER_MS = 5 * 60_000;

/** The URL as messages may show it: scheme, host and port only, because chat webhooks carry a token in the path. */
export function webhookOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid URL)';
  }
}

function parseWebhook(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidInput('the webhook is not a URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalidInput(`the webhook must be http or https, not ${parsed.protocol}`);
  return parsed;
}

function retryAfterMs(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(ms) && ms > 0 && ms <= MAX_RETRY_AFTER_MS ? ms : undefined;
}

/**
 * The `notify` activity: POSTs one notification as JSON to a webhook, once per attempt. 2xx is success; 5xx, 408,
 * 429, timeouts and network errors throw a retryable `HttpUnavailable` (the caller's retry policy, normally
 * `notifyOptions`, retries); other 4xx throw a non-retryable `WebhookRejected`. Every string of the body is redacted,
 * and messages name the webhook by origin only.
 */
export function createNotify(deps: ActivityDeps) {
  return async function notify(input: NotifyInput): Promise<NotifyResult> {
    const url = parseWebhook(input?.url);
    if (!input.notification || !NOTIFICATION_EVENTS.includes(input.notification.event)) throw invalidInput('the notification has no known event');
    const body = JSON.stringify(redactNotification(input.notification, deps.redactor));
    const timeoutMs = input.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const cancel = currentContext()?.cancellationSignal;
    const signal = cancel ? AbortSignal.any([cancel, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
    const where = `POST ${webhookOrigin(input.url)}`;
    let status: number;
    let retryAfter: number | undefined;
    try {
      const res = await request(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'amp-installer',
          'idempotency-key': input.notification.id,
          'x-amp-event': input.notification.event,
        },
        body,
        signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      status = res.statusCode;
      retryAfter = retryAfterMs(res.headers['retry-after']);
      // Only the status matters; the receiver's body might echo anything back.
      await res.body.dump();
    } catch (err) {
      if (cancel?.aborted) throw err;
      const why = signal.aborted ? `no answer within ${timeoutMs} ms` : (err as Error).message;
      throw ApplicationFailure.create({ type: ErrorType.HttpUnavailable, message: deps.redactor.redact(`${where} failed: ${why}`) });
    }
    if (status >= 200 && status < 300) return { id: input.notification.id, status };
    const message = `${where} answered ${status}`;
    if (status >= 500 || status === 408 || status === 429) {
      throw ApplicationFailure.create({ type: ErrorType.HttpUnavailable, message, nextRetryDelay: retryAfter });
    }
    throw ApplicationFailure.create({ type: WEBHOOK_REJECTED, nonRetryable: true, message: `${message}; not retried (fix the webhook URL or the receiver)` });
  };
}
