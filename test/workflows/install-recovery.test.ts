import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Client } from '@temporalio/client';

import { installWorkflowId } from '../../src/shared/ids.js';
import { parseSpec, type InstallSpecInput } from '../../src/shared/spec.js';
import { loadRuntimeConfig } from '../../src/config/env.js';
import { connectClient } from '../../src/temporal/client.js';
import type { install } from '../../src/workflows/install.js';
import { simSpec, waitForInstall } from '../helpers/install-harness.js';
import { runCli } from '../helpers/cli.js';
import { simWorld } from '../helpers/sim.js';
import { uniqueId } from '../helpers/temporal.js';
import { startWorkerProcess, type WorkerProcess } from '../helpers/worker-process.js';

// Slow enough that the readiness phase lasts seconds: the worker is killed inside it, not after it.
const world = simWorld({ speed: 50, extraEnv: { TEST_REGISTRY_USER: 'u', TEST_REGISTRY_PASSWORD: 'recovery-pw' } });
const taskQueue = uniqueId('tq-recovery');
let client: Client;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  client = await connectClient({ ...loadRuntimeConfig({ ...process.env }), temporalAddress: process.env.TEMPORAL_ADDRESS! });
});
afterAll(async () => {
  for (const w of workers) await w.kill('SIGTERM').catch(() => undefined);
  await client?.connection.close();
  await world.reset();
});

async function worker(): Promise<WorkerProcess> {
  const w = startWorkerProcess(world, taskQueue);
  workers.push(w);
  await w.ready();
  return w;
}

async function start(spec: InstallSpecInput): Promise<string> {
  const id = installWorkflowId(parseSpec(spec).spec!);
  await client.workflow.start<typeof install>('install', { args: [spec], taskQueue, workflowId: id });
  return id;
}

const fault = async (...args: string[]) => {
  const res = await runCli(['sim', 'fault', 'add', ...args], { env: world.env });
  expect(res.code).toBe(0);
};
const sideEffects = async (profile: string) => {
  const journal = await world.journal();
  const cli = (e: Record<string, unknown>) => (e.argv as string[]).join(' ');
  const calls = journal.filter((e) => e.kind === 'cli');
  const ok = calls.filter((e) => e.exit === 0);
  return {
    starts: ok.filter((e) => /^start\b/.test(cli(e)) && cli(e).includes(`--profile ${profile}`)).length,
    newApps: ok.filter((e) => /^new-app\b/.test(cli(e))).length,
    // `oc create -f <missing objects>`: how deployTemplate completes a deploy an orphaned new-app left part-way.
    partialCompletions: ok.filter((e) => /^create -f \S*missing\.json\b/.test(cli(e))).length,
    // A new-app that ran over existing objects would fail with AlreadyExists lines (exit 1).
    failedNewApps: calls.filter((e) => /^new-app\b/.test(cli(e)) && e.exit === 1).length,
    newProjects: ok.filter((e) => /^new-project\b/.test(cli(e))).length,
    secrets: ok.filter((e) => /^create secret docker-registry\b/.test(cli(e))).length,
  };
};

describe('install recovery', () => {
  it('finishes with no repeated side effect after the worker is SIGKILLed during deployTemplate and again during waitForReadiness', async () => {
    // oc new-app hangs 4 s first, so the worker dies while it runs; its orphaned child dies of the closed pipe at its
    // first line of output (as the real oc does of SIGPIPE), before or after creating a few objects. apicast-production
    // crash-loops for 15 simulated minutes after its first start (well inside its 30-minute rollout deadline), so
    // the readiness phase outlasts the recovery from the first crash and the worker can die inside it too.
    await fault('cli', '--match', 'oc new-app', '--hang', '4', '--times', '1');
    await fault('pod', '--dc', 'apicast-production', '--mode', 'crashloop', '--for', '900');
    let w = await worker();
    const spec = simSpec('crash', { heartbeatTimeouts: { deployTemplate: '3s', waitForReadiness: '3s' } });
    const id = await start(spec);
    await waitForInstall(client, id, (s) => s.currentStep === 'deployTemplate' && s.state === 'running', 90_000);
    await new Promise((r) => setTimeout(r, 1_000));
    await w.kill();
    w = await worker();
    await waitForInstall(client, id, (s) => s.currentStep === 'waitForReadiness' && s.readiness.ready >= 1 && s.readiness.ready < s.readiness.total, 90_000);
    await w.kill();
    w = await worker();
    const status = await waitForInstall(client, id, undefined, 120_000);
    expect({ state: status.state, pause: status.pause?.error }).toEqual({ state: 'installed', pause: undefined });
    expect(status.steps.find((s) => s.name === 'deployTemplate')?.attempts).toBeGreaterThanOrEqual(2);
    expect(status.steps.find((s) => s.name === 'waitForReadiness')?.attempts).toBeGreaterThanOrEqual(2);
    // The template was deployed once: by a retry's own new-app (the orphan created nothing), or by creating only
    // what the orphan left missing — never by a new-app over existing objects.
    const effects = await sideEffects('crash');
    expect({ ...effects, deploys: effects.newApps + effects.partialCompletions }).toEqual({
      starts: 1,
      newApps: effects.newApps,
      partialCompletions: effects.partialCompletions,
      deploys: 1,
      failedNewApps: 0,
      newProjects: 1,
      secrets: 1,
    });
    expect(w.output()).toContain('Continuing from the last heartbeat');
  });
});
