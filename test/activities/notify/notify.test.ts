import { fileURLToPath } from 'node:url';

import { afterEach, describe, expect, it } from '@jest/globals';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';

import type { ActivityDeps } from '../../../src/activities/deps.js';
import { createNotify } from '../../../src/activities/notify/notify.js';
import { createRedactor } from '../../../src/redaction/index.js';
import { notificationPayload, notifyOptions, WEBHOOK_REJECTED, type Notification, type NotifyInput, type NotifyResult } from '../../../src/shared/notifications.js';
import { testClient, testNativeConnection, uniqueId } from '../../helpers/temporal.js';
import { startReceiver, type Receiver } from './fixtures/receiver.js';

const SENTINEL = 'Sentinel-Registry-Pw-4f9e2b';

function deps(redactor = createRedactor(null)): ActivityDeps {
  return { cli: { oc: 'oc', minishift: 'minishift' }, env: {}, redactor, dataDir: '/nonexistent' };
}

function event(overrides: Partial<Notification> = {}): Notification {
  return notificationPayload({
    event: 'installed',
    workflowId: uniqueId('install-minishift-minishift-3scale'),
    project: '3scale',
    state: 'installed',
    outputs: { adminPortal: 'https://3scale-admin.192.168.42.10.nip.io' },
    at: new Date('2026-03-01T10:00:00Z'),
    ...overrides,
  });
}

/** Runs the activity as the worker would (with an activity context), returning its result or its failure. */
async function runNotify(d: ActivityDeps, input: NotifyInput): Promise<{ result?: NotifyResult; failure?: ApplicationFailure }> {
  return new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR', () => undefined) }).run(createNotify(d), input).then(
    (result) => ({ result: result as NotifyResult }),
    (failure: unknown) => ({ failure: failure as ApplicationFailure }),
  );
}

let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe('notify activity', () => {
  it('POSTs the event once as JSON, with its id as the idempotency key, when the receiver accepts it', async () => {
    receiver = await startReceiver();
    const notification = event();
    const { result } = await runNotify(deps(), { url: receiver.url, notification });
    expect(result).toEqual({ id: notification.id, status: 200 });
    expect(receiver.requests).toHaveLength(1);
    const [req] = receiver.requests;
    expect(req.method).toBe('POST');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['idempotency-key']).toBe(notification.id);
    expect(JSON.parse(req.body)).toEqual(notification);
  });

  it('throws a retryable HttpUnavailable on 500, naming the webhook by origin only', async () => {
    receiver = await startReceiver([{ status: 500 }]);
    const { failure } = await runNotify(deps(), { url: receiver.url, notification: event() });
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure?.type).toBe('HttpUnavailable');
    expect(failure?.nonRetryable).toBeFalsy();
    expect(failure?.message).toContain(new URL(receiver.url).origin);
    expect(failure?.message).not.toContain(new URL(receiver.url).pathname);
  });

  it('asks for the delay a 429 Retry-After gives', async () => {
    receiver = await startReceiver([{ status: 429, headers: { 'retry-after': '3' } }]);
    const { failure } = await runNotify(deps(), { url: receiver.url, notification: event() });
    expect(failure?.type).toBe('HttpUnavailable');
    expect(failure?.nextRetryDelay).toBe(3000);
  });

  it('fails without retry when the receiver rejects the request with 404', async () => {
    receiver = await startReceiver([{ status: 404 }]);
    const { failure } = await runNotify(deps(), { url: receiver.url, notification: event() });
    expect(failure?.type).toBe(WEBHOOK_REJECTED);
    expect(failure?.nonRetryable).toBe(true);
    expect(notifyOptions.retry.nonRetryableErrorTypes).toContain(failure?.type);
  });

  it('throws a retryable HttpUnavailable when nothing listens or the receiver does not answer in time', async () => {
    receiver = await startReceiver(['hang']);
    const slow = await runNotify(deps(), { url: receiver.url, notification: event(), timeoutMs: 300 });
    expect(slow.failure?.type).toBe('HttpUnavailable');
    expect(slow.failure?.message).toContain('no answer within 300 ms');
    const url = receiver.url;
    await receiver.close();
    receiver = undefined;
    const refused = await runNotify(deps(), { url, notification: event() });
    expect(refused.failure?.type).toBe('HttpUnavailable');
    expect(refused.failure?.nonRetryable).toBeFalsy();
  });

  it('rejects a webhook that is not http(s) as invalid input, without sending anything', async () => {
    const { failure } = await runNotify(deps(), { url: 'file:///etc/passwd', notification: event() });
    expect(failure?.type).toBe('InvalidInput');
    expect(failure?.nonRetryable).toBe(true);
  });

  it('sends registered secret values redacted, in error messages and outputs alike', async () => {
    receiver = await startReceiver();
    const redactor = createRedactor(null).add(SENTINEL, 'registry-password');
    const notification = event({
      event: 'failed',
      state: 'failed',
      step: 'ensurePullSecret',
      error: { type: 'Unauthorized', message: `registry refused password ${SENTINEL}` },
      outputs: { note: `login with ${SENTINEL}`, nested: [{ value: SENTINEL }] },
    });
    const { result } = await runNotify(deps(redactor), { url: receiver.url, notification });
    expect(result?.status).toBe(200);
    const body = receiver.requests[0].body;
    expect(body).not.toContain(SENTINEL);
    const sent = JSON.parse(body) as Notification;
    expect(sent.error?.message).toBe('registry refused password [redacted:registry-password]');
    expect(sent.outputs).toEqual({ note: 'login with [redacted:registry-password]', nested: [{ value: '[redacted:registry-password]' }] });
  });
});

describe('notify in a real worker with notifyOptions', () => {
  it('is retried after a 500 and the receiver, de-duplicating by id, keeps one event', async () => {
    receiver = await startReceiver([{ status: 500 }, { status: 200 }]);
    try {
      Runtime.install({ logger: new DefaultLogger('ERROR', () => undefined) });
    } catch {
      // Another test file of this run installed the runtime already.
    }
    const taskQueue = uniqueId('notify');
    const connection = await testNativeConnection();
    const client = await testClient();
    try {
      const worker = await Worker.create({
        connection,
        taskQueue,
        workflowsPath: fileURLToPath(new URL('./fixtures/workflows.ts', import.meta.url)),
        activities: { notify: createNotify(deps()) },
      });
      const notification = event();
      const result = await worker.runUntil(
        client.workflow.execute('notifyWithRetries', { taskQueue, workflowId: uniqueId('notify-wf'), args: [{ url: receiver.url, notification }, '200ms'] }),
      );
      expect(result).toEqual({ id: notification.id, status: 200 });
      expect(receiver.requests).toHaveLength(2);
      expect(receiver.requests.map((r) => r.headers['idempotency-key'])).toEqual([notification.id, notification.id]);
      expect(receiver.requests[0].body).toBe(receiver.requests[1].body);
      expect([...receiver.events.keys()]).toEqual([notification.id]);
    } finally {
      await client.connection.close();
      await connection.close();
    }
  });
});
