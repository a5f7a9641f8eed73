/**
 * Every fault kind the simulator offers (docs/simulator.md § Faults), injected into a real install: the end state
 * (installed after retries, or paused) and a diagnosis that names the real cause.
 */
import { afterAll, describe, expect, it } from '@jest/globals';

import { installWorkflowId } from '../../src/shared/ids.js';
import type { InstallStatus } from '../../src/shared/install-status.js';
import { resumeUpdate } from '../../src/shared/messages.js';
import { parseSpec, type InstallSpecInput } from '../../src/shared/spec.js';
import type { install as installWorkflow } from '../../src/workflows/install.js';
import { runCli } from '../helpers/cli.js';
import { simSpec, useHarness, waitForInstall } from '../helpers/install-harness.js';
import { simWorld } from '../helpers/sim.js';

const world = simWorld({ speed: 200, extraEnv: { TEST_REGISTRY_USER: 'u', TEST_REGISTRY_PASSWORD: 'faults-pw' } });
const h = useHarness(world);

const fault = async (...args: string[]) => expect((await runCli(['sim', 'fault', 'add', ...args], { env: world.env })).code).toBe(0);
const clearFaults = async () => expect((await runCli(['sim', 'fault', 'clear'], { env: world.env })).code).toBe(0);

/** An install of its own VM and project `name`, smoke test off unless asked. */
async function install(name: string, overrides: Partial<InstallSpecInput> = {}): Promise<{ id: string; status: InstallStatus }> {
  const spec = simSpec(name, { openshift: { user: 'system:admin', project: name }, smokeTest: { enabled: false }, ...overrides });
  const id = installWorkflowId(parseSpec(spec).spec!);
  await h.client.workflow.start<typeof installWorkflow>('install', { args: [spec], taskQueue: h.taskQueue, workflowId: id });
  return { id, status: await waitForInstall(h.client, id) };
}
const resume = async (id: string) => {
  await h.client.workflow.getHandle(id).executeUpdate(resumeUpdate, { args: [{}] });
  return waitForInstall(h.client, id);
};
const step = (s: InstallStatus, name: string) => s.steps.find((x) => x.name === name)!;

describe('each simulator fault kind in a real install', () => {
  afterAll(clearFaults);

  it('cli hang: a call that hangs past the step timeout is killed and retried; the install completes', async () => {
    await fault('cli', '--match', 'oc new-project', '--hang', '60', '--times', '1');
    const { status } = await install('f-hang', { timeouts: { ensureProject: '8s' } });
    expect(status.state).toBe('installed');
    expect(step(status, 'ensureProject').attempts).toBe(2);
  });

  it('minishift-start image-pull: pauses at startCluster naming the missing origin image (retrying cannot help)', async () => {
    await fault('minishift-start', '--stage', 'image-pull', '--times', '1');
    const { id, status } = await install('f-vm');
    expect(status.pause).toMatchObject({ step: 'startCluster', error: { type: 'VmStartFailed' } });
    expect(status.pause?.error.message).toContain('Error pulling the OpenShift container image');
    expect(step(status, 'startCluster').attempts).toBe(1);
    await h.client.workflow.getHandle(id).cancel();
  });

  it('pod crashloop for a while: the rollout waits it out and the install completes', async () => {
    await fault('pod', '--dc', 'backend-listener', '--mode', 'crashloop', '--for', '60', '--project', 'f-crash');
    const { status } = await install('f-crash');
    expect(status.state).toBe('installed');
  });

  it('pod crashloop for good: pauses with the failed rollout explained by the crashing container', async () => {
    await fault('pod', '--dc', 'system-memcache', '--mode', 'crashloop', '--project', 'f-crashgood');
    const { id, status } = await install('f-crashgood');
    expect(status.pause?.error.type).toBe('RolloutFailed');
    expect(status.pause?.error.message).toMatch(/^system-memcache: /);
    expect(status.pause?.error.message).toMatch(/kept crashing|CrashLoopBackOff/);
    await h.client.workflow.getHandle(id).cancel();
  });

  it('pvc unbound: pauses naming the claim; once it can bind, resume installs', async () => {
    await fault('pvc', '--claim', 'mysql-storage', '--project', 'f-pvc');
    const { id, status } = await install('f-pvc');
    expect(status.pause?.error.type).toBe('PvcUnbound');
    expect(status.pause?.error.message).toContain('persistent volume claim mysql-storage is unbound');
    await clearFaults();
    expect((await resume(id)).state).toBe('installed');
  });

  it('image import failure: pauses naming the image stream; once the registry answers, resume imports again and installs', async () => {
    await fault('import', '--imagestream', 'amp-system', '--project', 'f-import');
    const { id, status } = await install('f-import');
    expect(status.pause?.error.type).toBe('ImagePullUnauthorized');
    expect(status.pause?.error.message).toMatch(/waits on image update: image stream amp-system:2\.4\.0 import failed \(Unauthorized\): .*you may not have access/);
    await clearFaults();
    const done = await resume(id);
    expect(done.state).toBe('installed');
  });

  it('pre-hook failing a few times: it restarts in place and the install completes', async () => {
    await fault('hook', '--dc', 'system-app', '--failures', '3', '--project', 'f-hook');
    const { status } = await install('f-hook');
    expect(status.state).toBe('installed');
  });

  it('pre-hook failing for good: pauses with HookCrashLoop naming the hook pod', async () => {
    await fault('hook', '--dc', 'system-app', '--failures', '1000', '--project', 'f-hookgood');
    const { id, status } = await install('f-hookgood');
    expect(status.pause?.error.type).toBe('HookCrashLoop');
    expect(status.pause?.error.message).toMatch(/^system-app: hook pod system-app-1-hook-pre restarted \d+ times/);
    expect(status.pause?.diagnosis).toContain('system-app-1-hook-pre');
    await h.client.workflow.getHandle(id).cancel();
  });

  it('gateway 5xx for a few requests: the smoke test retries and the install completes', async () => {
    await fault('gateway', '--host', '*.nip.io', '--status', '503', '--times', '3');
    const { status } = await install('f-gw', { smokeTest: { enabled: true } });
    expect(status.state).toBe('installed');
    const gateway = (await world.journal()).filter((e) => e.kind === 'http' && e.status === 503);
    expect(gateway.length).toBeGreaterThanOrEqual(3);
  });
});
