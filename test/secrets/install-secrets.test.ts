import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { execa } from 'execa';

import { loadRuntimeConfig } from '../../src/config/env.js';
import type { InstallStatus } from '../../src/shared/install-status.js';
import { connectClient } from '../../src/temporal/client.js';
import { simSpec } from '../helpers/install-harness.js';
import { TEMPLATE_24 } from '../helpers/sim.js';
import { outputOf, secretsRig, type CliRun } from './helpers/rig.js';
import { generatedSecrets, leaksIn, readable, threescaleSecrets, type KnownSecret } from './helpers/secrets.js';
import { rawHistory } from './helpers/temporal-cli.js';

// A sentinel nobody else uses: wherever it shows up, it came from this install.
const REGISTRY_USER = 'sentinel-user';
const REGISTRY_PASSWORD = `Reg-S3ntinel-${randomBytes(6).toString('hex')}`;
const rig = secretsRig({ TEST_REGISTRY_USER: REGISTRY_USER, TEST_REGISTRY_PASSWORD: REGISTRY_PASSWORD });
const id = 'install-minishift-sec-full-3scale';
let client: Client;
let install: CliRun;
let secrets: KnownSecret[];

beforeAll(async () => {
  await rig.start();
  client = await connectClient(loadRuntimeConfig(rig.worker().env));
  install = await rig.cli(['install', '-f', rig.specFile('full.yaml', simSpec('sec-full'))]);
  const installed = install.code === 0;
  secrets = [
    { label: 'registry password', value: REGISTRY_PASSWORD },
    { label: 'registry auth (base64 of user:password)', value: Buffer.from(`${REGISTRY_USER}:${REGISTRY_PASSWORD}`).toString('base64') },
    ...(installed ? await generatedSecrets(rig.worker().env, '3scale', TEMPLATE_24) : []),
    ...(installed ? threescaleSecrets(rig.world.home) : []),
  ];
}, 180_000);
afterAll(async () => {
  await client?.connection.close();
  await rig.stop();
});

/** The install's input as a client with the codec reads it from the history. */
async function decodedInput(workflowId: string): Promise<unknown> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const started = history.events?.find((e) => e.workflowExecutionStartedEventAttributes)?.workflowExecutionStartedEventAttributes;
  const { payloadCodecs, payloadConverter } = client.options.loadedDataConverter;
  let payloads = (started?.input?.payloads ?? []) as Payload[];
  for (const codec of [...payloadCodecs].reverse()) payloads = await codec.decode(payloads);
  return payloadConverter.fromPayload(payloads[0]);
}

describe('a full install with a known registry password, and the secrets the cluster generated', () => {
  it('installs, and finds every secret the checks below look for (on the cluster, and by the leak detector)', async () => {
    expect({ code: install.code, stderr: install.stderr }).toEqual({ code: 0, stderr: '' });
    expect(secrets.map((s) => s.label)).toEqual(
      expect.arrayContaining([
        'registry password',
        'ADMIN_PASSWORD',
        'ADMIN_ACCESS_TOKEN',
        'MASTER_PASSWORD',
        'MASTER_ACCESS_TOKEN',
        'APICAST_ACCESS_TOKEN',
        'MYSQL_PASSWORD',
        'MYSQL_ROOT_PASSWORD',
        'SYSTEM_BACKEND_PASSWORD',
        'SYSTEM_BACKEND_SHARED_SECRET',
        'SYSTEM_APP_SECRET_KEY_BASE',
        'ZYNC_DATABASE_PASSWORD',
        'ZYNC_SECRET_KEY_BASE',
        'ZYNC_AUTHENTICATION_TOKEN',
        'user_key of application "amp-installer smoke test"',
      ]),
    );
    // The detector sees secrets as `oc` prints them: base64 in a Secret's data.
    const seed = await execa('oc', ['get', 'secret', 'system-seed', '-n', '3scale', '-o', 'json'], { env: rig.worker().env, extendEnv: false });
    expect(seed.stdout).not.toContain(secrets.find((s) => s.label === 'ADMIN_PASSWORD')!.value);
    expect(leaksIn(seed.stdout, secrets)).toEqual(expect.arrayContaining(['ADMIN_PASSWORD', 'ADMIN_ACCESS_TOKEN', 'MASTER_PASSWORD']));
  });

  it('keeps every secret out of the raw history that `temporal workflow show` prints without the codec', async () => {
    const history = await rawHistory(id);
    expect(history.events.length).toBeGreaterThan(20);
    expect(readable(history.text)).toContain('binary/encrypted');
    expect(leaksIn(history.text, secrets)).toEqual([]);
  });

  it('decodes the same history for a client with the codec: the input spec and the result are readable', async () => {
    await expect(decodedInput(id)).resolves.toMatchObject({
      platform: { type: 'minishift', profile: 'sec-full' },
      registry: { username: 'env:TEST_REGISTRY_USER', password: 'env:TEST_REGISTRY_PASSWORD' },
    });
    const result = (await client.workflow.getHandle(id).result()) as InstallStatus;
    expect(result.state).toBe('installed');
  });

  it('keeps every secret out of what install, status, status --json and status --diagnostics print', async () => {
    const status = await rig.cli(['status', id]);
    const json = await rig.cli(['status', id, '--json']);
    const diagnostics = await rig.cli(['status', id, '--diagnostics']);
    expect([status.code, json.code, diagnostics.code]).toEqual([0, 0, 0]);
    expect((JSON.parse(json.stdout) as InstallStatus).outputs.adminPassword).toContain('secret system-seed key ADMIN_PASSWORD');
    expect(leaksIn(outputOf(install), secrets)).toEqual([]);
    expect(leaksIn(outputOf(status), secrets)).toEqual([]);
    expect(leaksIn(outputOf(json), secrets)).toEqual([]);
    expect(leaksIn(outputOf(diagnostics), secrets)).toEqual([]);
  });

  it('prints the admin password, read from the cluster, with status --show-secrets (and only then)', async () => {
    const admin = secrets.find((s) => s.label === 'ADMIN_PASSWORD')!.value;
    const shown = await rig.cli(['status', id, '--show-secrets']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`system-seed.ADMIN_PASSWORD: ${admin}`);
    const plain = await rig.cli(['status', id]);
    expect(plain.stdout).not.toContain(admin);
  });

  it('keeps every secret out of the simulator journal, which did record the calls that carried them', async () => {
    const journal = await rig.world.journal();
    const calls = journal.map((e) => (e.kind === 'cli' ? (e.argv as string[]).join(' ') : `${String(e.method)} ${String(e.path)}`));
    expect(calls).toEqual(expect.arrayContaining([expect.stringMatching(/^create secret docker-registry /), expect.stringMatching(/^GET \/smoke\?user_key=/)]));
    expect(leaksIn(JSON.stringify(journal), secrets)).toEqual([]);
  });

  it("keeps every secret out of the worker's log", () => {
    expect(rig.worker().output()).toContain('Smoke test passed');
    expect(leaksIn(rig.worker().output(), secrets)).toEqual([]);
  });
});
