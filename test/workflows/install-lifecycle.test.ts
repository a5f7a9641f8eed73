import { describe, expect, it } from '@jest/globals';

import { runningChildren } from '../../src/activities/lib/run-cli.js';
import { installWorkflowId } from '../../src/shared/ids.js';
import { parseSpec, type InstallSpecInput } from '../../src/shared/spec.js';
import type { install } from '../../src/workflows/install.js';
import type { teardown } from '../../src/workflows/teardown.js';
import type { rebuild } from '../../src/workflows/rebuild.js';
import { runCli } from '../helpers/cli.js';
import { simSpec, useHarness, waitForInstall } from '../helpers/install-harness.js';
import { simWorld } from '../helpers/sim.js';
import { uniqueId } from '../helpers/temporal.js';

const world = simWorld({ speed: 100, extraEnv: { TEST_REGISTRY_USER: 'u', TEST_REGISTRY_PASSWORD: 'lifecycle-pw' } });
const h = useHarness(world);

const idOf = (spec: InstallSpecInput) => installWorkflowId(parseSpec(spec).spec!);
async function start(spec: InstallSpecInput): Promise<string> {
  const id = idOf(spec);
  await h.client.workflow.start<typeof install>('install', { args: [spec], taskQueue: h.taskQueue, workflowId: id });
  return id;
}
const env = () => ({ ...process.env, AMP_TASK_QUEUE: h.taskQueue });
const okCalls = async (re: RegExp) => (await world.journal()).filter((e) => e.kind === 'cli' && e.exit === 0 && re.test((e.argv as string[]).join(' '))).length;
const oc = (args: string[]) => runCli(['sim', 'env'], { env: world.env }).then(() => import('execa')).then(({ execa }) => execa('oc', args, { env: world.env, reject: false }));

describe('install lifecycle', () => {
  it('retries transient CLI failures and a failed VM start, then installs', async () => {
    const fault = (...a: string[]) => runCli(['sim', 'fault', 'add', ...a], { env: world.env });
    await fault('minishift-start', '--stage', 'vm-start', '--times', '1');
    await fault('cli', '--match', 'oc new-project', '--times', '2', '--stderr', 'Unable to connect to the server: dial tcp 127.0.0.1:8443: connect: connection refused', '--exit-code', '1');
    const id = await start(simSpec('flaky', { smokeTest: { enabled: false } }));
    const status = await waitForInstall(h.client, id);
    expect(status.state).toBe('installed');
    expect(status.steps.find((s) => s.name === 'startCluster')?.attempts).toBe(2);
    expect(status.steps.find((s) => s.name === 'ensureProject')?.attempts).toBe(3);
    await runCli(['sim', 'fault', 'clear'], { env: world.env });
  });

  it('cancels during waitForReadiness with no child left, and a later install of the target completes from the cluster state', async () => {
    const spec = simSpec('cancel', { smokeTest: { enabled: false } });
    const id = await start(spec);
    await waitForInstall(h.client, id, (s) => s.currentStep === 'waitForReadiness');
    const res = await runCli(['cancel', id], { env: env() });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/Install install-minishift-cancel-3scale: cancelled/);
    const status = await waitForInstall(h.client, id, (s) => s.state === 'cancelled');
    expect(status.steps.find((s) => s.name === 'waitForReadiness')?.state).toBe('cancelled');
    expect(status.summary).toContain('Cancelled during waitForReadiness');
    expect(runningChildren()).toBe(0);

    const newAppsBefore = await okCalls(/^new-app .*-n 3scale/);
    await start(spec);
    expect((await waitForInstall(h.client, id)).state).toBe('installed');
    expect(await okCalls(/^new-app .*-n 3scale/)).toBe(newAppsBefore);
  });

  it('tears a partial install down (twice is fine) and rebuilds it', async () => {
    const spec = simSpec('partial', { openshift: { user: 'system:admin', project: 'partial' }, smokeTest: { enabled: false } });
    const id = await start(spec);
    await waitForInstall(h.client, id, (s) => s.currentStep === 'waitForReadiness');
    const td = (n: number) =>
      h.client.workflow.execute<typeof teardown>('teardown', { args: [spec, {}], taskQueue: h.taskQueue, workflowId: uniqueId(`td-${n}`) });
    expect(await td(1)).toEqual({ project: 'partial', projectAction: 'deleted', vm: 'kept' });
    // The running install of the target was cancelled first.
    expect((await waitForInstall(h.client, id, (s) => s.state !== 'running')).state).toBe('cancelled');
    const gone = await oc(['get', 'project', 'partial']);
    expect(gone.exitCode).toBe(1);
    expect(gone.stderr).toMatch(/\(NotFound\)/);
    expect(await td(2)).toEqual({ project: 'partial', projectAction: 'absent', vm: 'kept' });

    const rebuilt = await h.client.workflow.execute<typeof rebuild>('rebuild', { args: [spec, {}], taskQueue: h.taskQueue, workflowId: uniqueId('rebuild') });
    expect(rebuilt.state).toBe('installed');
    expect((await oc(['get', 'dc', '-n', 'partial', '-o', 'name'])).stdout.split('\n').filter(Boolean)).toHaveLength(15);
  });
});
