import { describe, expect, it } from '@jest/globals';
import { execa } from 'execa';

import { installWorkflowId } from '../../src/shared/ids.js';
import { parseSpec } from '../../src/shared/spec.js';
import type { install } from '../../src/workflows/install.js';
import { simSpec, useHarness, waitForInstall } from '../helpers/install-harness.js';
import { simWorld } from '../helpers/sim.js';
import { vmAddress } from './helpers.js';

// Why the installs layout gives every student a VM: two full installs in two projects of ONE cluster collide on
// their route hosts (master.<domain>, 3scale-admin.<domain>, …), which OpenShift gives to the older route.
const world = simWorld({ speed: 200, extraEnv: { TEST_REGISTRY_USER: 'demo-user', TEST_REGISTRY_PASSWORD: 'Reg1stry-Pa55' } });
const PROFILE = 'one-vm';
const h = useHarness(world);

async function installInto(project: string) {
  const spec = simSpec(PROFILE, { openshift: { user: 'system:admin', project } });
  const id = installWorkflowId(parseSpec(spec).spec!);
  await h.client.workflow.start<typeof install>('install', { args: [spec], taskQueue: h.taskQueue, workflowId: id });
  return { id, status: await waitForInstall(h.client, id) };
}

const oc = async (args: string[]) => JSON.parse((await execa('oc', args, { env: world.env })).stdout) as Record<string, unknown>;

describe('two installs in two projects of one VM', () => {
  it("leaves the second install's routes HostAlreadyClaimed, and the second install pauses", async () => {
    const first = await installInto('alpha');
    expect(first.status.state).toBe('installed');
    const second = await installInto('beta');
    await h.client.workflow.getHandle(second.id).cancel();

    // The installs used the VM's own kubeconfig; this shell logs in to its own, as a user would.
    await execa('oc', ['login', '-u', 'system:admin'], { env: world.env });
    const domain = `${vmAddress(world, PROFILE)}.nip.io`;
    const route = (await oc(['get', 'route', 'system-master', '-n', 'beta', '-o', 'json'])) as { spec: { host: string }; status: { ingress: Array<{ conditions: Array<Record<string, string>> }> } };
    expect(route.spec.host).toBe(`master.${domain}`);
    expect(route.status.ingress[0].conditions[0]).toMatchObject({ type: 'Admitted', status: 'False', reason: 'HostAlreadyClaimed' });
    const routes = (await oc(['get', 'routes', '-n', 'beta', '-o', 'json'])) as { items: Array<{ status: { ingress: Array<{ conditions: Array<{ reason?: string }> }> } }> };
    expect(routes.items.every((r) => r.status.ingress[0].conditions[0].reason === 'HostAlreadyClaimed')).toBe(true);

    // The hosts answer from the first install; the second one's smoke test says so instead of calling alpha's portal.
    expect(second.status.state).toBe('paused');
    expect(second.status.pause).toMatchObject({ step: 'smokeTest', error: { type: 'RouteNotAdmitted' } });
    expect(second.status.pause?.error.message).toMatch(/route system-provider-admin \(3scale-admin\.[\d.]+\.nip\.io\): HostAlreadyClaimed: a route in another namespace holds 3scale-admin\./);
    expect(second.status.pause?.diagnosis).toContain('HostAlreadyClaimed');
  }, 150_000);
});
