import { inspect } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, type WorkflowHandle } from '@temporalio/client';
import type { LogLevel, LogMetadata } from '@temporalio/common';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type NativeConnection, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

import { createDataConverter, failureConverterPath, type Keyring } from '../../src/codec/index.js';
import { createRedactor, redactingLogger } from '../../src/redaction/index.js';
import { testClient, testNativeConnection, uniqueId } from '../helpers/temporal.js';
import type { FixtureActivities, SecretInput } from './fixtures/workflows.js';
import { fixtureWorkflowsPath } from './fixtures/paths.js';
import { freshKeys, keyringOf } from './helpers.js';

const [keyA, keyB] = freshKeys('key-a', 'key-b');
const onlyA = keyringOf([keyA], 'keyring with key-a');
const aAndB = keyringOf([keyA, keyB], 'keyring with key-a and key-b');
const onlyB = keyringOf([keyB], 'keyring with key-b');

const input: SecretInput = { registryPassword: 'reg-Pa55-rotation', adminPassword: 'adm-Pa55-rotation' };
const activities: FixtureActivities = {
  mintToken: async (i) => `token-for-${i.adminPassword.length}-${Buffer.from(i.registryPassword).toString('hex')}`,
  loginWithPassword: async () => undefined,
};

let nativeConnection: NativeConnection;
let plainClient: Client;
let bundle: WorkflowBundleWithSourceMap;
const workerLog: { level: LogLevel; message: string; meta?: LogMetadata }[] = [];

beforeAll(async () => {
  // What the worker logs, through the redacting wrapper the real worker installs.
  const redactor = createRedactor(null).add(input.registryPassword, 'registry-password').add(input.adminPassword, 'admin-password');
  const capture = new DefaultLogger('WARN', ({ level, message, meta }) => void workerLog.push({ level, message, meta }));
  Runtime.install({
    logger: redactingLogger(capture, redactor),
    telemetryOptions: { logging: { filter: { core: 'WARN', other: 'WARN' }, forward: {} } },
  });
  nativeConnection = await testNativeConnection();
  plainClient = await testClient();
  bundle = await bundleWorkflowCode({ workflowsPath: fixtureWorkflowsPath, failureConverterPath, logger: new DefaultLogger('ERROR', () => undefined) });
});
afterAll(async () => {
  await plainClient?.connection.close();
  await nativeConnection?.close();
});

function clientWith(keyring: Keyring): Client {
  return new Client({ connection: plainClient.connection, namespace: 'default', dataConverter: createDataConverter(keyring) });
}

async function workerWith(keyring: Keyring, taskQueue: string): Promise<Worker> {
  return Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowBundle: bundle,
    activities,
    dataConverter: createDataConverter(keyring),
    // No cache: every query below makes the worker replay the whole history from the server.
    maxCachedWorkflows: 0,
  });
}

describe('key rotation on a real Temporal server', () => {
  const taskQueue = uniqueId('codec-rotation');
  let handle: WorkflowHandle;
  let expectedToken: string;

  beforeAll(async () => {
    expectedToken = await activities.mintToken(input);
    const worker = await workerWith(onlyA, taskQueue);
    handle = await worker.runUntil(async () => {
      const h = await clientWith(onlyA).workflow.start('mintTokenWorkflow', { taskQueue, workflowId: uniqueId('rotation'), args: [input] });
      await h.result();
      return h;
    });
  });

  it('lets a worker holding key-a and key-b replay a history written with key-a', async () => {
    const worker = await workerWith(aAndB, taskQueue);
    const answer = await worker.runUntil(clientWith(aAndB).workflow.getHandle(handle.workflowId).query<string>('mintedToken'));
    expect(answer).toBe(expectedToken);
  });

  it('makes a worker holding only key-b fail the replay with the key-id error', async () => {
    const worker = await workerWith(onlyB, taskQueue);
    workerLog.length = 0;
    const query = clientWith(aAndB).workflow.getHandle(handle.workflowId).query<string>('mintedToken');
    // The query fails; its reason travels as an encrypted failure, so the caller only sees "Encoded failure".
    await expect(worker.runUntil(query)).rejects.toThrow('Encoded failure');
    const activationErrors = workerLog.filter((l) => l.level === 'ERROR' && l.message === 'Failed to process Workflow Activation');
    expect(activationErrors.length).toBeGreaterThan(0);
    expect((activationErrors[0].meta?.error as Error).message).toBe(
      'payload is encrypted with key "key-a" which this process does not have; set AMP_CODEC_KEY_FILE to a keyring ' +
        'that contains it (this process has "key-b" from keyring with key-b)',
    );
    const logged = inspect(workerLog, { depth: 10 });
    expect(logged).not.toContain(input.registryPassword);
    expect(logged).not.toContain(input.adminPassword);
  });

  it('lets a client holding only key-b not read the key-a result, but one with both keys can', async () => {
    await expect(clientWith(onlyB).workflow.getHandle(handle.workflowId).result()).rejects.toThrow('"key-a"');
    await expect(clientWith(aAndB).workflow.getHandle(handle.workflowId).result()).resolves.toEqual({ token: expectedToken });
  });
});
