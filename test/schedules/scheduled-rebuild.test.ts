import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { fetchStatus } from '../../src/cli/install-handle.js';
import type { ScheduleDetails, ScheduleListEntry } from '../../src/schedules/schedule-view.js';
import { installWorkflowId } from '../../src/shared/ids.js';
import type { InstallStatus } from '../../src/shared/install-status.js';
import { parseSpec } from '../../src/shared/spec.js';
import { simSpec, startHarness, type Harness } from '../helpers/install-harness.js';
import { simWorld } from '../helpers/sim.js';
import { uniqueId } from '../helpers/temporal.js';
import { deleteSchedules, eventually, scheduleCli, specFile } from './helpers.js';

// Speed 50, not more: on a loaded 2-core box faster simulated time outruns the readiness checks.
const world = simWorld({ speed: 50, extraEnv: { TEST_REGISTRY_USER: 'demo-user', TEST_REGISTRY_PASSWORD: 'Reg1stry-Pa55' } });
const name = uniqueId('rebuild-e2e');
const spec = simSpec(uniqueId('sched'));
const installId = installWorkflowId(parseSpec(spec).spec!);
let h: Harness;

beforeAll(async () => {
  h = await startHarness(world);
  // A rebuild rebuilds an existing lab, so install the target once first: the teardown expects a cluster that
  // oc is logged in to (on a machine where no install ever ran, it fails to look the project up).
  const status = (await h.client.workflow.execute('install', { args: [spec], taskQueue: h.taskQueue, workflowId: installId })) as InstallStatus;
  expect(status.state).toBe('installed');
}, 300_000);
afterAll(async () => {
  if (h) {
    await deleteSchedules(h.client, [name]);
    for await (const wf of h.client.workflow.list({ query: `TemporalScheduledById = '${name}' AND ExecutionStatus = 'Running'` })) {
      await h.client.workflow.getHandle(wf.workflowId).terminate('test cleanup').catch(() => undefined);
    }
    await h.stop();
  }
  await world.reset();
});

const cli = (args: string[]) => scheduleCli(args, h.taskQueue);

/** `schedule trigger NAME`: the workflow id it started, or 'skipped'. */
async function trigger(): Promise<string> {
  const res = await cli(['trigger', name]);
  expect(res.code).toBe(0);
  const started = /^Triggered .*: started (\S+)$/m.exec(res.stdout);
  if (started) return started[1];
  expect(res.stdout).toMatch(/^Triggered .*: skipped \(overlap policy skip\): \S+ is still running$/m);
  return 'skipped';
}

/** The result of a rebuild; fails fast, saying why, if its install pauses (it would wait for a human forever). */
async function rebuildResult(workflowId: string): Promise<InstallStatus> {
  const handle = h.client.workflow.getHandle(workflowId);
  for (;;) {
    if ((await handle.describe()).status.name !== 'RUNNING') return (await handle.result()) as InstallStatus;
    const install = await fetchStatus(h.client.workflow.getHandle(installId)).catch(() => undefined);
    if (install?.state === 'paused') throw new Error(`the install of ${workflowId} paused at ${install.pause?.step}: ${install.pause?.error.message}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function details(): Promise<ScheduleDetails> {
  const res = await cli(['describe', name, '--json']);
  expect(res.code).toBe(0);
  return JSON.parse(res.stdout) as ScheduleDetails;
}

describe('a rebuild schedule on the simulator', () => {
  it('created with --every and triggered twice while the first rebuild runs: one rebuild ran, the second was skipped; a later trigger rebuilds again', async () => {
    // Paused so that no interval fires during the test: manual triggers still run, under the overlap policy.
    const create = await cli(['create', name, '-f', specFile(spec), '--every', '24h', '--paused']);
    expect(create.code).toBe(0);

    const first = await trigger();
    expect(first).toMatch(/^rebuild-minishift-sched-[0-9a-f]{8}-3scale-/);
    expect(await trigger()).toBe('skipped');
    const firstResult = await rebuildResult(first);
    expect(firstResult.state).toBe('installed');

    const second = await trigger();
    expect(second).not.toBe('skipped');
    expect(second).not.toBe(first);
    const secondResult = await rebuildResult(second);
    expect(secondResult.state).toBe('installed');

    const d = await details();
    expect(d.counts).toEqual({ actions: 2, skippedOverlap: 1, missedCatchupWindow: 0 });
    expect(d.running).toEqual([]);
    expect(d.recentRuns.map((r) => [r.workflowId, r.status, r.install?.workflowId, r.install?.state])).toEqual([
      [second, 'completed', installId, 'installed'],
      [first, 'completed', installId, 'installed'],
    ]);
    // Each rebuild ran its own install: same target id, different runs.
    expect(d.recentRuns[0].install?.runId).not.toBe(d.recentRuns[1].install?.runId);
    const text = await cli(['describe', name]);
    expect(text.stdout).toContain('Actions:     2 taken, 1 skipped (overlap), 0 missed (catch-up window)');
    expect(text.stdout).toMatch(new RegExp(`${second}  completed  install installed`));

    const started = await eventually(async () => {
      const ids: string[] = [];
      for await (const wf of h.client.workflow.list({ query: `TemporalScheduledById = '${name}'` })) ids.push(wf.workflowId);
      return ids.length === 2 ? ids.sort() : undefined;
    }, 'two scheduled rebuilds in visibility');
    expect(started).toEqual([first, second].sort());

    const list = await cli(['list', '--json']);
    const entry = (JSON.parse(list.stdout) as ScheduleListEntry[]).find((e) => e.name === name);
    expect(entry?.lastRun).toMatchObject({ workflowId: second, status: 'completed', outcome: 'install installed' });
    expect((await cli(['list'])).stdout).toMatch(new RegExp(`^${name}\\s.*completed, install installed \\(${second}\\)$`, 'm'));
  }, 400_000);
});
