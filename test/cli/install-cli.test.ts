import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execa } from 'execa';

import type { InstallSpecInput } from '../../src/shared/spec.js';
import { runCli } from '../helpers/cli.js';
import { simSpec, startHarness, waitForInstall, type Harness } from '../helpers/install-harness.js';
import { simWorld } from '../helpers/sim.js';
import { testdir } from '../helpers/testdir.js';

const world = simWorld({ speed: 200, extraEnv: { TEST_REGISTRY_USER: 'u', TEST_REGISTRY_PASSWORD: 'cli-pw' } });
let h: Harness;
const dir = testdir();
beforeAll(async () => {
  h = await startHarness(world);
});
afterAll(async () => {
  await h?.stop();
  await world.reset();
});

const env = () => ({ ...process.env, AMP_TASK_QUEUE: h.taskQueue, AMP_UI_URL: 'http://ui.example:8233' });
function specFile(name: string, spec: InstallSpecInput): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(spec));
  return file;
}

describe('amp-installer install / status / teardown', () => {
  it('starts an install, attaches a second install of the same target, and ends with exit 0 and the outputs', async () => {
    const file = specFile('cli', simSpec('cli', { smokeTest: { enabled: false } }));
    const detached = await runCli(['install', '-f', file, '--detach'], { env: env() });
    expect(detached.code).toBe(0);
    expect(detached.stdout).toBe(
      'Started install install-minishift-cli-3scale\nTemporal UI: http://ui.example:8233/namespaces/default/workflows/install-minishift-cli-3scale',
    );
    const attached = await runCli(['install', '-f', file], { env: env(), timeoutMs: 120_000 });
    expect(attached.code).toBe(0);
    expect(attached.stdout).toContain('Attached to the running install install-minishift-cli-3scale');
    expect(attached.stdout).toContain('Install install-minishift-cli-3scale: installed');
    expect(attached.stdout).toMatch(/adminPortal: https:\/\/3scale-admin\./);
    const news = (await world.journal()).filter((e) => e.kind === 'cli' && e.exit === 0 && (e.argv as string[])[0] === 'new-app');
    expect(news).toHaveLength(1);

    const status = await runCli(['status', 'install-minishift-cli-3scale', '--json'], { env: env() });
    const parsed = JSON.parse(status.stdout) as Record<string, unknown>;
    expect(parsed).toMatchObject({ workflowId: 'install-minishift-cli-3scale', state: 'installed', readiness: { ready: 15, total: 15 } });
    expect(Object.keys(parsed)).toEqual(expect.arrayContaining(['workflowId', 'state', 'steps', 'readiness', 'outputs']));

    const teardown = await runCli(['teardown', '-f', file], { env: env(), timeoutMs: 120_000 });
    expect(teardown.code).toBe(0);
    expect(teardown.stdout).toContain('Project 3scale: deleted; VM kept.');
    const gone = await execa('oc', ['get', 'project', '3scale'], { env: world.env, reject: false });
    expect(gone.stderr).toMatch(/\(NotFound\)/);
  });

  it('exits 1 with the reason when a step fails under onFailure: fail', async () => {
    const file = specFile('failfast', simSpec('failfast', { threescale: { release: '2.4.0', template: '/nonexistent/amp.yml' }, onFailure: { preflight: 'fail' } }));
    const res = await runCli(['install', '-f', file], { env: env(), timeoutMs: 120_000 });
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('Install install-minishift-failfast-3scale: failed');
    expect(res.stdout).toContain('template file /nonexistent/amp.yml does not exist');
    expect((await waitForInstall(h.client, 'install-minishift-failfast-3scale')).state).toBe('failed');
  });

  it('exits 3 when the install pauses, printing the diagnosis and the exact resume command', async () => {
    const file = specFile('pausecli', simSpec('pausecli', { threescale: { release: '2.4.0', template: '/nonexistent/amp.yml' } }));
    const res = await runCli(['install', '-f', file], { env: env(), timeoutMs: 120_000 });
    expect(res.code).toBe(3);
    expect(res.stdout).toContain('Paused at preflight: preflight found');
    expect(res.stdout).toContain('Resume: amp-installer resume install-minishift-pausecli-3scale [--set path=value ...]');
    const abort = await runCli(['abort', 'install-minishift-pausecli-3scale'], { env: env() });
    expect(abort.code).toBe(0);
    expect(abort.stdout).toContain('Install install-minishift-pausecli-3scale: aborted');
  });
});
