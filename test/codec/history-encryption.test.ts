import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, WorkflowFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, defaultPayloadConverter } from '@temporalio/common';
import { DefaultLogger, Runtime, Worker, type NativeConnection } from '@temporalio/worker';

import { AesGcmCodec, createDataConverter, generateCodecToken, startCodecServer } from '../../src/codec/index.js';
import { findTemporalCli } from '../../src/temporal/binary.js';
import { temporalAddress, testClient, testNativeConnection, uniqueId } from '../helpers/temporal.js';
import type { FixtureActivities, SecretInput } from './fixtures/workflows.js';
import { fixtureWorkflowsPath } from './fixtures/paths.js';
import { freshKeys, keyringOf, text } from './helpers.js';

const run = promisify(execFile);
const keyring = keyringOf(freshKeys('history-key'));
const dataConverter = createDataConverter(keyring);
const input: SecretInput = { registryPassword: 'reg-Secret-9f3a', adminPassword: 'adm-Secret-77c1' };
const MINTED = 'minted-Token-5e2b';
const LOGIN_PASSWORD = 'login-Secret-0d4e';
const activities: FixtureActivities = {
  mintToken: async () => MINTED,
  loginWithPassword: async (password) => {
    throw ApplicationFailure.nonRetryable(`login rejected for password ${password}`, 'LoginFailed');
  },
};
const secrets = [input.registryPassword, input.adminPassword, MINTED, LOGIN_PASSWORD];
const SUMMARY = 'Install 3scale for tenant summary-7a1c';
const MEMO = 'memo-note-3b9d';

let nativeConnection: NativeConnection;
let plainClient: Client;
let codecClient: Client;
const taskQueue = uniqueId('codec-history');
const okId = uniqueId('mint');
const failId = uniqueId('fail');

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('ERROR', () => undefined) });
  nativeConnection = await testNativeConnection();
  plainClient = await testClient();
  codecClient = new Client({ connection: plainClient.connection, namespace: 'default', dataConverter });
  // A real worker loading the data converter the way production does: workflowsPath + failureConverterPath.
  const worker = await Worker.create({ connection: nativeConnection, taskQueue, workflowsPath: fixtureWorkflowsPath, activities, dataConverter });
  await worker.runUntil(async () => {
    await codecClient.workflow.execute('mintTokenWorkflow', {
      taskQueue,
      workflowId: okId,
      args: [input],
      staticSummary: SUMMARY,
      memo: { note: MEMO },
    });
    await codecClient.workflow.execute('failingLoginWorkflow', { taskQueue, workflowId: failId, args: [LOGIN_PASSWORD] }).catch(() => undefined);
  });
});
afterAll(async () => {
  await plainClient?.connection.close();
  await nativeConnection?.close();
});

/** A JSON history as text, with every base64 string in it (payload data and metadata) decoded alongside. */
function readable(historyJson: string): string {
  const decoded = [...historyJson.matchAll(/"([A-Za-z0-9+/]{4,}={0,2})"/g)].map((m) => Buffer.from(m[1], 'base64').toString('latin1'));
  return [historyJson, ...decoded].join('\n');
}

/** The secrets readable in a JSON history. */
function leaks(historyJson: string): string[] {
  const text = readable(historyJson);
  return secrets.filter((secret) => text.includes(secret));
}

describe('history written through the codec', () => {
  it('holds none of the secrets in the raw history a client without the codec fetches', async () => {
    for (const id of [okId, failId]) {
      const history = await plainClient.workflow.getHandle(id).fetchHistory();
      const raw = JSON.stringify(history);
      expect(leaks(raw)).toEqual([]);
      expect(readable(raw)).toContain('binary/encrypted');
    }
  });

  it('holds none of the secrets in `temporal workflow show --output json` without a codec endpoint', async () => {
    for (const id of [okId, failId]) {
      const { stdout } = await run(findTemporalCli(), ['workflow', 'show', '--address', temporalAddress(), '-w', id, '--output', 'json']);
      expect(stdout).toContain('activityTaskScheduledEventAttributes');
      expect(leaks(stdout)).toEqual([]);
      expect(readable(stdout)).toContain('binary/encrypted');
    }
  });

  it('also encrypts the memo and the static summary (SDK 1.24 runs them through the codec), not the workflow id', async () => {
    const raw = JSON.stringify(await plainClient.workflow.getHandle(okId).fetchHistory());
    expect(readable(raw)).not.toContain(SUMMARY);
    expect(readable(raw)).not.toContain(MEMO);
    expect(raw).toContain(okId);
    const description = await codecClient.workflow.getHandle(okId).describe();
    expect(await description.staticSummary()).toBe(SUMMARY);
    expect(description.memo).toEqual({ note: MEMO });
  });

  it('decodes input and result for a client with the codec', async () => {
    await expect(codecClient.workflow.getHandle(okId).result()).resolves.toEqual({ token: MINTED });
    const history = await plainClient.workflow.getHandle(okId).fetchHistory();
    const started = history.events?.find((e) => e.workflowExecutionStartedEventAttributes)?.workflowExecutionStartedEventAttributes;
    const [decoded] = await new AesGcmCodec(keyring).decode(started?.input?.payloads ?? []);
    expect(defaultPayloadConverter.fromPayload(decoded)).toEqual(input);
  });

  it('encrypts the activity failure message, which only a client with the codec can read', async () => {
    const history = await plainClient.workflow.getHandle(failId).fetchHistory();
    const failure = history.events?.find((e) => e.activityTaskFailedEventAttributes)?.activityTaskFailedEventAttributes?.failure;
    expect(failure?.message).toBe('Encoded failure');
    expect(failure?.stackTrace ?? '').toBe('');
    const [attrs] = await new AesGcmCodec(keyring).decode([failure?.encodedAttributes ?? {}]);
    expect(defaultPayloadConverter.fromPayload<{ message: string }>(attrs).message).toBe(`login rejected for password ${LOGIN_PASSWORD}`);

    const err = await codecClient.workflow.getHandle(failId).result().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const cause = (err as WorkflowFailedError).cause;
    expect(cause).toBeInstanceOf(ActivityFailure);
    expect((cause?.cause as Error | undefined)?.message).toBe(`login rejected for password ${LOGIN_PASSWORD}`);
    expect((cause?.cause as ApplicationFailure).type).toBe('LoginFailed');

    const plainErr = await plainClient.workflow.getHandle(failId).result().catch((e: unknown) => e);
    expect(String(((plainErr as WorkflowFailedError).cause?.cause as Error | undefined)?.message)).not.toContain(LOGIN_PASSWORD);
  });

  it('shows decoded payloads in `temporal workflow show` through the codec server and its bearer token', async () => {
    const token = generateCodecToken();
    const server = await startCodecServer({ keyring, token, redactor: null });
    try {
      const cli = findTemporalCli();
      const base = ['workflow', 'show', '--address', temporalAddress(), '-w', okId, '--output', 'json', '--codec-endpoint', server.url];
      const { stdout } = await run(cli, [...base, '--codec-auth', `Bearer ${token}`]);
      const started = (JSON.parse(stdout) as { events: { workflowExecutionStartedEventAttributes?: { input: { payloads: { metadata: Record<string, string>; data: string }[] } } }[] })
        .events.find((e) => e.workflowExecutionStartedEventAttributes)?.workflowExecutionStartedEventAttributes;
      const payload = started?.input.payloads[0];
      expect(text(Buffer.from(payload?.metadata.encoding ?? '', 'base64'))).toBe('json/plain');
      expect(JSON.parse(text(Buffer.from(payload?.data ?? '', 'base64')))).toEqual(input);
      expect(leaks(stdout)).toEqual([input.registryPassword, input.adminPassword, MINTED]);

      // The token in the path (the form the dev UI gets) works for the CLI too.
      const viaPath = await run(cli, [...base.slice(0, -1), server.uiCodecEndpoint]);
      expect(leaks(viaPath.stdout)).toEqual([input.registryPassword, input.adminPassword, MINTED]);
    } finally {
      await server.close();
    }
  });
});
