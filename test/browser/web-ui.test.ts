/**
 * Installs from the Temporal Web UI, in a real browser: `amp-installer dev` (dev server, Web UI, codec server,
 * worker on the simulator) and headless Chromium driving the UI's Start Workflow form and Send a Signal dialog.
 * Screenshots of each stage land in test-artifacts/browser/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';

import { fetchStatus } from '../../src/cli/install-handle.js';
import { createDataConverter, ENCRYPTED_ENCODING, loadKeyring } from '../../src/codec/index.js';
import { runningDev } from '../../src/dev/dev-lock.js';
import { portFree } from '../../src/dev/port-check.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { installWorkflowId } from '../../src/shared/ids.js';
import { parseSpec, type InstallSpecInput } from '../../src/shared/spec.js';
import { simWorld, TEMPLATE_24 } from '../helpers/sim.js';
import { testdir } from '../helpers/testdir.js';
import { launchChromium, type HeadlessChromium } from './helpers/chromium.js';
import { alive, processesWith, startDev, type DevProcess } from './helpers/dev-process.js';
import * as ui from './helpers/web-ui.js';

const SHOTS = join(PROJECT_ROOT, 'test-artifacts', 'browser');
const TASK_QUEUE = 'amp-installer';
const world = simWorld({ speed: 200 });
const dataDir = testdir();
let dev: DevProcess | undefined;
let browser: HeadlessChromium | undefined;
let client: Client | undefined;

/** A spec for the simulator, exactly what a user pastes into the form's Input. */
const simInput = (profile: string, template = TEMPLATE_24, smokeTest = true): InstallSpecInput => ({
  platform: { type: 'minishift', profile },
  threescale: { release: '2.4.0', template },
  smokeTest: { enabled: smokeTest },
});
const workflowIdOf = (input: InstallSpecInput) => installWorkflowId(parseSpec(input).spec!);
const shot = (name: string) => browser!.page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchChromium(); // first: without Chromium the test fails at once, saying how to install it
  // The dev command as a user runs it: its own data folder and dev key (no AMP_CODEC_KEY), the simulator's oc/minishift.
  const env = { ...world.env, AMP_DATA_DIR: dataDir, AMP_POLL_MS: '250', TEMPORAL_ADDRESS: undefined, AMP_CODEC_KEY: undefined, AMP_CODEC_KEY_FILE: undefined };
  dev = await startDev(env);
  const keyring = loadKeyring({}, { dataDir, redactor: null });
  client = new Client({ connection: await Connection.connect({ address: dev.temporalAddress }), dataConverter: createDataConverter(keyring) });
}, 150_000);

afterAll(async () => {
  await client?.connection.close();
  await browser?.close();
  await dev?.stop();
  await world.reset();
});

describe('installs from the Temporal Web UI (headless Chromium)', () => {
  it('starts an install from the Start Workflow form and shows it reach installed: every step ✔, readiness 15/15', async () => {
    const { page } = browser!;
    const input = simInput('web-ui');
    const workflowId = workflowIdOf(input);
    await ui.fillStartWorkflowForm(page, dev!.uiUrl, { workflowId, taskQueue: TASK_QUEUE, workflowType: 'install', input });
    await shot('01-form-filled');
    await ui.submitStartWorkflowForm(page);
    expect(page.url()).toContain(`/namespaces/default/workflows/${workflowId}/`);

    await ui.openTab(page, 'User Metadata');
    // A fast machine may finish before the page first reads the details: the screenshot shows whichever came first.
    await ui.waitForDetails(page, (t) => /3scale install: (running|installed)/.test(t));
    await shot('02-running');
    const details = await ui.waitForDetails(page, (t) => t.includes('3scale install: installed'));
    await ui.waitForStatus(page, 'Completed');
    await shot('03-installed');

    // The status query, through a client with the dev command's key, agrees with what the page shows.
    const status = await fetchStatus(client!.workflow.getHandle(workflowId));
    expect(status.state).toBe('installed');
    expect(status.readiness).toMatchObject({ ready: 15, total: 15 });
    expect(details).toContain(`Readiness: ${status.readiness.ready}/${status.readiness.total} DeploymentConfigs available`);
    const ran = status.steps.filter((s) => s.state !== 'skipped');
    expect(ran.map((s) => s.name)).toEqual(expect.arrayContaining(['startCluster', 'deployTemplate', 'waitForReadiness', 'smokeTest']));
    for (const s of ran) {
      expect(s.state).toBe('succeeded');
      expect(details).toContain(`✔ ${s.title} (${s.name})`);
    }
    expect(details).toContain(status.summary!);

    // The input travelled encrypted (the UI encoded it through the codec server), and the UI decodes it for display.
    const raw = await client!.connection.workflowService.getWorkflowExecutionHistory({ namespace: 'default', execution: { workflowId } });
    const payload = raw.history!.events![0].workflowExecutionStartedEventAttributes!.input!.payloads![0];
    expect(new TextDecoder().decode(payload.metadata!.encoding!)).toBe(ENCRYPTED_ENCODING);
    expect(Buffer.from(payload.data!).toString('latin1')).not.toContain(TEMPLATE_24);
    await ui.waitForPayload(page, 'Input', (t) => t.includes(`"template": "${TEMPLATE_24}"`));
    await ui.waitForPayload(page, 'Result', (t) => t.includes('"state": "installed"'));
  }, 180_000);

  it('shows every validation message of an invalid spec started from the form, and the install fails', async () => {
    const { page } = browser!;
    const input = { platform: { type: 'minishift', profile: 'Web_UI' }, openshift: { project: 'kube-web' }, threescale: { release: '3.0' } };
    const problems = parseSpec(input).problems!.map((p) => ui.plainText(`${p.path}: ${p.message}`));
    expect(problems).toHaveLength(3);
    const workflowId = 'install-web-ui-invalid-spec';
    await ui.fillStartWorkflowForm(page, dev!.uiUrl, { workflowId, taskQueue: TASK_QUEUE, workflowType: 'install', input });
    await ui.submitStartWorkflowForm(page);
    await ui.waitForStatus(page, 'Failed');

    await ui.openTab(page, 'User Metadata');
    const details = await ui.waitForDetails(page, (t) => t.includes('3scale install: failed'));
    await shot('04-invalid-spec');
    expect(details).toContain('Invalid spec:');
    for (const p of problems) expect(details).toContain(p);
    // The failure itself, decoded through the codec server, carries the same messages.
    const result = await ui.waitForPayload(page, 'Result', (t) => t.includes('invalid spec:'));
    for (const p of problems) expect(result).toContain(p);
  }, 120_000);

  it('resumes a paused install with the resume signal sent from the UI, with a spec change', async () => {
    const { page } = browser!;
    const missing = join(testdir(), 'missing', 'amp-eval-tech-preview.yml');
    const input = simInput('web-ui-resume', missing, false);
    const workflowId = workflowIdOf(input);
    await ui.fillStartWorkflowForm(page, dev!.uiUrl, { workflowId, taskQueue: TASK_QUEUE, workflowType: 'install', input });
    await ui.submitStartWorkflowForm(page);
    await ui.openTab(page, 'User Metadata');
    const paused = await ui.waitForDetails(page, (t) => t.includes('3scale install: paused'));
    await shot('05-paused');
    expect(paused).toContain('Paused at preflight');
    expect(paused).toContain(`template file ${missing} does not exist`);
    // The suggested fix reads exactly as the status query has it (`--set` stays two hyphens, ready to copy).
    const { pause } = await fetchStatus(client!.workflow.getHandle(workflowId));
    expect(pause?.suggestion).toContain('--set');
    expect(paused).toContain(ui.plainText(`Suggested fix: ${pause!.suggestion}`));

    await ui.sendSignal(page, 'resume', { set: [`threescale.template=${TEMPLATE_24}`] });
    await ui.waitForDetails(page, (t) => t.includes('3scale install: installed'));
    await ui.waitForStatus(page, 'Completed');
    await shot('06-resumed-installed');
    const status = await fetchStatus(client!.workflow.getHandle(workflowId));
    expect(status.state).toBe('installed');
    expect(status.steps.find((s) => s.name === 'preflight')).toMatchObject({ state: 'succeeded', runs: 2 });
  }, 180_000);

  it('stops on SIGINT with no dev server, worker, browser or simulator process left running', async () => {
    await browser!.close();
    const { userDataDir } = browser!;
    browser = undefined;
    await client!.connection.close();
    client = undefined;
    const d = dev!;
    dev = undefined;
    const { exitCode } = await d.stop();
    expect(exitCode).toBe(0);
    expect(d.output()).toContain('Stopped the worker and the dev server.');
    expect(alive(d.pid)).toBe(false);
    expect(await processesWith(`--port ${d.port} `)).toEqual([]);
    for (const port of [d.port, d.uiPort, d.codecPort]) expect(await portFree(port)).toBe(true);
    expect(runningDev(dataDir)).toBeUndefined();
    expect(await processesWith(userDataDir)).toEqual([]);
    await world.reset();
    expect(await processesWith(world.home)).toEqual([]);
  }, 60_000);
});
