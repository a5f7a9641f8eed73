import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import type { InstallStatus } from '../../src/shared/install-status.js';
import { vmIp } from '../../src/sim/cluster/vm-ip.js';
import { runCli } from '../helpers/cli.js';
import { simSpec } from '../helpers/install-harness.js';
import { TEMPLATE_24 } from '../helpers/sim.js';
import { outputOf, secretsRig, type CliRun } from './helpers/rig.js';
import { generatedSecrets, leaksIn, type KnownSecret } from './helpers/secrets.js';
import { rawHistory } from './helpers/temporal-cli.js';

const REGISTRY_USER = 'sentinel-user';
const REGISTRY_PASSWORD = `Reg-S3ntinel-${randomBytes(6).toString('hex')}`;
const REGISTRY_AUTH = Buffer.from(`${REGISTRY_USER}:${REGISTRY_PASSWORD}`).toString('base64');
const registrySecrets: KnownSecret[] = [
  { label: 'registry password', value: REGISTRY_PASSWORD },
  { label: 'registry auth (base64 of user:password)', value: REGISTRY_AUTH },
];
// Set (not generated) so that error pages can carry it; secret template parameters are references (env:).
const ADMIN_TOKEN = `tok${randomBytes(8).toString('hex')}`;
const rig = secretsRig({ TEST_REGISTRY_USER: REGISTRY_USER, TEST_REGISTRY_PASSWORD: REGISTRY_PASSWORD, TEST_ADMIN_TOKEN: ADMIN_TOKEN });
const paused: string[] = [];

beforeAll(() => rig.start());
afterAll(async () => {
  // A paused install waits for a decision: abort ends it, so nothing is left open on the shared dev server.
  for (const id of paused) await rig.cli(['abort', id]);
  await rig.stop();
});

async function faultAdd(...args: string[]): Promise<void> {
  const res = await runCli(['sim', 'fault', 'add', ...args], { env: rig.worker().env });
  expect(res).toMatchObject({ code: 0 });
}

/** Installs `spec` with the CLI until it pauses; returns what install, status, --json and --diagnostics printed. */
async function installUntilPaused(profile: string, overrides: Parameters<typeof simSpec>[1]) {
  const id = `install-minishift-${profile}-3scale`;
  paused.push(id);
  const install = await rig.cli(['install', '-f', rig.specFile(`${profile}.yaml`, simSpec(profile, overrides))]);
  const status = await rig.cli(['status', id]);
  const json = await rig.cli(['status', id, '--json']);
  const diagnostics = await rig.cli(['status', id, '--diagnostics']);
  return { id, install, status, diagnostics, json, parsed: JSON.parse(json.stdout) as InstallStatus };
}

/** Every surface a secret must stay out of, labelled: CLI output, the worker's log, the raw history, the journal. */
async function surfaces(run: { id: string; install: CliRun; status: CliRun; json: CliRun; diagnostics: CliRun }): Promise<Record<string, string>> {
  return {
    install: outputOf(run.install),
    status: outputOf(run.status),
    'status --json': outputOf(run.json),
    'status --diagnostics': outputOf(run.diagnostics),
    'worker log': rig.worker().output(),
    'raw history': (await rawHistory(run.id)).text,
    journal: JSON.stringify(await rig.world.journal()),
  };
}

/** Removes every injected fault, so that each scenario meets only its own. */
async function faultsClear(): Promise<void> {
  await runCli(['sim', 'fault', 'clear'], { env: rig.worker().env });
}

function leaksBySurface(texts: Record<string, string>, secrets: readonly KnownSecret[]): Record<string, string[]> {
  return Object.fromEntries(Object.entries(texts).map(([where, text]) => [where, leaksIn(text, secrets)]).filter(([, found]) => found.length > 0));
}

describe('oc create secret fails with stderr that echoes the registry password', () => {
  let run: Awaited<ReturnType<typeof installUntilPaused>>;

  beforeAll(async () => {
    // What a registry-side error could echo: the credentials as given, and the auth string oc built from them.
    await faultAdd('cli', '--match', 'oc create secret', '--stderr', `error: the registry rejected ${REGISTRY_USER} with password ${REGISTRY_PASSWORD} (auth ${REGISTRY_AUTH})`);
    run = await installUntilPaused('sec-pull', { retries: { ensurePullSecret: { maximumAttempts: 1 } }, smokeTest: { enabled: false } });
  }, 180_000);
  afterAll(faultsClear);

  it('pauses at ensurePullSecret with both values redacted in the pause message', () => {
    expect(run.install.code).toBe(3);
    expect(run.parsed.pause).toMatchObject({ step: 'ensurePullSecret', error: { type: 'CliFailed' } });
    expect(run.parsed.pause?.error.message).toBe(
      `oc create secret docker-registry threescale-registry-auth failed: error: the registry rejected ${REGISTRY_USER} ` +
        'with password [redacted:registry-password] (auth [redacted:registry-auth])',
    );
  });

  it('shows the redacted message in install, status and the worker log, and neither value anywhere', async () => {
    expect(run.install.stdout).toContain('with password [redacted:registry-password]');
    expect(run.status.stdout).toContain('with password [redacted:registry-password]');
    expect(run.diagnostics.stdout).toContain('# Diagnostics for step ensurePullSecret');
    expect(rig.worker().output()).toContain('with password [redacted:registry-password]');
    expect(leaksBySurface(await surfaces(run), registrySecrets)).toEqual({});
  });
});

describe("the system-app pre-hook keeps failing, and its log shows the hook's command line", () => {
  let run: Awaited<ReturnType<typeof installUntilPaused>>;
  let secrets: KnownSecret[];

  beforeAll(async () => {
    await faultAdd('hook', '--dc', 'system-app', '--failures', '1000');
    run = await installUntilPaused('sec-hook', { smokeTest: { enabled: false } });
    secrets = [...registrySecrets, ...(await generatedSecrets(rig.worker().env, '3scale', TEMPLATE_24))];
  }, 180_000);
  afterAll(faultsClear);

  it('pauses at waitForReadiness with the hook log in the diagnostics, MASTER_ACCESS_TOKEN redacted', () => {
    expect(run.install.code).toBe(3);
    expect(run.parsed.pause?.step).toBe('waitForReadiness');
    expect(run.diagnostics.stdout).toContain('system-app-1-hook-pre');
    // The crash is in the previous instance's log (the current one may have just been restarted).
    expect(run.diagnostics.stdout).toMatch(/### system-app-1-hook-pre: [^\n]*\n```\n\(previous instance\)\n\+ /);
    expect(run.diagnostics.stdout).toMatch(/rake boot openshift:deploy MASTER_ACCESS_TOKEN=\[redacted:[^\]]+\]/);
  });

  it('keeps every generated secret out of install, status, diagnostics, the worker log, the history and the journal', async () => {
    expect(secrets.length).toBeGreaterThan(10);
    expect(leaksBySurface(await surfaces(run), secrets)).toEqual({});
  });
});

describe('the admin API, then the gateway, answer error pages that echo the access token', () => {
  // The smoke test reads it from system-seed as always.
  const token = ADMIN_TOKEN;
  const secrets: KnownSecret[] = [...registrySecrets, { label: 'ADMIN_ACCESS_TOKEN', value: token }];
  let run: Awaited<ReturnType<typeof installUntilPaused>>;
  let resumed: CliRun;
  let afterResume: InstallStatus;

  beforeAll(async () => {
    const domain = `${vmIp(rig.world.home, 'sec-admin')}.nip.io`;
    const basic = Buffer.from(`:${token}`).toString('base64');
    const page = `<h1>400 Bad Request</h1><p>token ${token} is not accepted here</p><pre>GET /admin/api/services.json\nAuthorization: Basic ${basic}\n</pre>`;
    await faultAdd('gateway', '--host', `3scale-admin.${domain}`, '--status', '400', '--body', page, '--times', '1');
    run = await installUntilPaused('sec-admin', { threescale: { release: '2.4.0', template: TEMPLATE_24, parameters: { ADMIN_ACCESS_TOKEN: 'env:TEST_ADMIN_TOKEN' } } });
    // Resumed, the smoke test gets past the admin API and meets a gateway that echoes the token as well.
    await faultAdd('gateway', '--host', `echo-api-3scale-apicast-staging.${domain}`, '--status', '401', '--body', `credentials ${token} are not valid here`, '--times', '1');
    resumed = await rig.cli(['resume', run.id]);
    afterResume = JSON.parse((await rig.cli(['status', run.id, '--json'])).stdout) as InstallStatus;
  }, 180_000);
  afterAll(faultsClear);

  it('pauses at smokeTest with the error page in the message, the token and the Basic credentials redacted', () => {
    expect(run.install.code).toBe(3);
    expect(run.parsed.pause).toMatchObject({ step: 'smokeTest', error: { type: 'SmokeTestFailed' } });
    expect(run.parsed.pause?.error.message).toBe(
      'GET /admin/api/services.json: 400 <h1>400 Bad Request</h1><p>token [redacted:threescale.parameters.ADMIN_ACCESS_TOKEN] is not accepted here</p>' +
        '<pre>GET /admin/api/services.json\nAuthorization: Basic [redacted:authorization]\n</pre>',
    );
  });

  it('pauses again after resume at the staging gateway check, whose message quotes the page redacted', () => {
    expect(resumed.code).toBe(3);
    expect(afterResume.pause).toMatchObject({ step: 'smokeTest', error: { type: 'SmokeTestFailed' } });
    // The quote is cut to 80 characters after redaction, so the marker may shorten its tail.
    expect(afterResume.pause?.error.message).toMatch(
      /^staging gateway without a key: expected 401\/403 "Authentication parameters missing", got 401 "credentials \[redacted:threescale\.parameters\.ADMIN_ACCESS_TOKEN\] are not valid h/,
    );
  });

  it('keeps the token out of install, resume, status, diagnostics, the worker log, the history and the journal', async () => {
    const texts = { ...(await surfaces(run)), resume: outputOf(resumed), 'status --json after resume': JSON.stringify(afterResume) };
    expect(leaksBySurface(texts, secrets)).toEqual({});
  });
});
