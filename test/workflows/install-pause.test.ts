import { createServer, type Server } from 'node:http';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WorkflowUpdateFailedError } from '@temporalio/client';

import { installWorkflowId } from '../../src/shared/ids.js';
import { abortSignal, resumeSignal, resumeUpdate } from '../../src/shared/messages.js';
import { parseSpec, type InstallSpecInput } from '../../src/shared/spec.js';
import type { install } from '../../src/workflows/install.js';
import { runCli } from '../helpers/cli.js';
import { simSpec, startHarness, waitForInstall, type Harness } from '../helpers/install-harness.js';
import { simWorld } from '../helpers/sim.js';

// Slow enough that a 250 ms poll sees a few simulated seconds: pull errors are caught before any rollout deadline.
const world = simWorld({ speed: 40, extraEnv: { TEST_REGISTRY_USER: 'u', TEST_REGISTRY_PASSWORD: 'wrong-pw', FIXED_PASSWORD: 'right-pw' } });
let h: Harness;
let webhook: Server;
let webhookUrl = '';
const events: Array<Record<string, unknown>> = [];
const bodies: string[] = [];

beforeAll(async () => {
  h = await startHarness(world);
  webhook = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      bodies.push(body);
      events.push(JSON.parse(body) as Record<string, unknown>);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => webhook.listen(0, '127.0.0.1', r));
  webhookUrl = `http://127.0.0.1:${(webhook.address() as { port: number }).port}/hook`;
});
afterAll(async () => {
  await h?.stop();
  await new Promise((r) => webhook?.close(r));
  await world.reset();
});

async function start(spec: InstallSpecInput): Promise<string> {
  const id = installWorkflowId(parseSpec(spec).spec!);
  await h.client.workflow.start<typeof install>('install', { args: [spec], taskQueue: h.taskQueue, workflowId: id });
  return id;
}
const sim = async (...args: string[]) => {
  const res = await runCli(['sim', ...args], { env: world.env });
  expect(res).toMatchObject({ code: 0 });
  return res.stdout;
};
const okCalls = async (re: RegExp, profile?: string) =>
  (await world.journal()).filter((e) => e.kind === 'cli' && e.exit === 0 && re.test((e.argv as string[]).join(' ')) && (!profile || (e.argv as string[]).join(' ').includes(profile))).length;

describe('paused installs', () => {
  it('pauses on unauthorized image pulls within seconds, resumes with corrected credentials, and repeats no earlier step', async () => {
    await sim('fault', 'add', 'pod', '--dc', 'system-mysql', '--mode', 'image-pull-unauthorized', '--project', 'pull');
    const spec = simSpec('pull', { openshift: { user: 'system:admin', project: 'pull' }, notifications: { webhook: webhookUrl } });
    const id = await start(spec);
    const paused = await waitForInstall(h.client, id);
    expect(paused.state).toBe('paused');
    expect(paused.pause).toMatchObject({ step: 'waitForReadiness', error: { type: 'ImagePullUnauthorized' } });
    expect(paused.pause?.error.message).toMatch(/system-mysql: pod system-mysql-1-\w+ cannot pull its image \((ErrImagePull|ImagePullBackOff)\).*unauthorized/);
    expect(paused.pause?.diagnosis).toContain('system-mysql');
    // Fail-fast: the step gave up long before its 40-minute deadline.
    expect(paused.steps.find((s) => s.name === 'waitForReadiness')!.durationMs).toBeLessThan(60_000);
    const diagnostics = await runCli(['status', id, '--diagnostics'], { env: { ...process.env, AMP_TASK_QUEUE: h.taskQueue } });
    expect(diagnostics.stdout).toContain('## Pods with problems');
    expect(diagnostics.stdout).toMatch(/system-mysql-1-\w+: system-mysql: (ErrImagePull|ImagePullBackOff)/);

    const before = { starts: await okCalls(/^start\b/, 'pull'), projects: await okCalls(/^new-project pull/), newApps: await okCalls(/^new-app .* -n pull/) };
    await sim('fault', 'clear');
    const resumed = await h.client.workflow.getHandle(id).executeUpdate(resumeUpdate, { args: [{ set: ['registry.password=env:FIXED_PASSWORD'] }] });
    expect(resumed.state).toBe('running');
    const done = await waitForInstall(h.client, id);
    expect({ state: done.state, pause: done.pause?.error }).toEqual({ state: 'installed', pause: undefined });
    expect(done.steps.find((s) => s.name === 'waitForReadiness')).toMatchObject({ state: 'succeeded', runs: 2 });
    expect(done.steps.find((s) => s.name === 'deployTemplate')).toMatchObject({ runs: 1 });
    expect({ starts: await okCalls(/^start\b/, 'pull'), projects: await okCalls(/^new-project pull/), newApps: await okCalls(/^new-app .* -n pull/) }).toEqual(before);
    expect(before).toEqual({ starts: 1, projects: 1, newApps: 1 });

    const mine = events.filter((e) => e.workflowId === id);
    expect(mine.map((e) => e.event)).toEqual(['paused', 'installed']);
    expect(mine[0]).toMatchObject({ state: 'paused', step: 'waitForReadiness', error: { type: 'ImagePullUnauthorized' } });
    expect(bodies.join('\n')).not.toMatch(/wrong-pw|right-pw/);
  });

  it('rejects a resume with an invalid change and stays paused; resume and abort also work as signals', async () => {
    const id = await start(simSpec('signals', { openshift: { user: 'system:admin', project: 'signals' }, threescale: { release: '2.4.0', template: '/nonexistent/amp.yml', parameters: {} } }));
    expect((await waitForInstall(h.client, id)).state).toBe('paused');
    const handle = h.client.workflow.getHandle(id);
    const rejected = await handle.executeUpdate(resumeUpdate, { args: [{ set: ['timeouts.waitForReadiness=soon'] }] }).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(String((rejected as WorkflowUpdateFailedError).cause?.message)).toContain('timeouts.waitForReadiness: must be a duration');
    const cli = await runCli(['resume', id, '--set', 'openshift.project=other', '--detach'], { env: { ...process.env, AMP_TASK_QUEUE: h.taskQueue } });
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('resume rejected: openshift.project cannot change on resume');
    expect((await waitForInstall(h.client, id)).state).toBe('paused');

    // The Web UI's path: signals. A resume signal with a fix re-runs the failed step…
    const template = simSpec('x').threescale!.template;
    await handle.signal(resumeSignal, { set: [`threescale.template=${template}`, 'smokeTest.enabled=false'] });
    const end = await waitForInstall(h.client, id, (s) => s.state === 'installed');
    expect(end.steps.find((x) => x.name === 'preflight')).toMatchObject({ state: 'succeeded', runs: 2 });
    // …and an abort signal ends a paused install.
    const id2 = await start(simSpec('abort', { openshift: { user: 'system:admin', project: 'abort' }, threescale: { release: '2.4.0', template: '/nonexistent/amp.yml', parameters: {} } }));
    expect((await waitForInstall(h.client, id2)).state).toBe('paused');
    await h.client.workflow.getHandle(id2).signal(abortSignal, {});
    const aborted = await waitForInstall(h.client, id2, (s) => s.state !== 'paused' && s.state !== 'running');
    expect(aborted).toMatchObject({ state: 'aborted', summary: 'Aborted at preflight.' });
  });
});
