import { describe, expect, it } from '@jest/globals';

import { installWorkflowId } from '../../src/shared/ids.js';
import { parseSpec, type InstallSpecInput } from '../../src/shared/spec.js';
import type { install } from '../../src/workflows/install.js';
import { simSpec, useHarness, waitForInstall } from '../helpers/install-harness.js';
import { simWorld, TEMPLATE_212 } from '../helpers/sim.js';

const world = simWorld({ speed: 200, extraEnv: { TEST_REGISTRY_USER: 'demo-user', TEST_REGISTRY_PASSWORD: 'Reg1stry-Pa55' } });
const h = useHarness(world);

async function startInstall(spec: InstallSpecInput) {
  const id = installWorkflowId(parseSpec(spec).spec!);
  await h.client.workflow.start<typeof install>('install', { args: [spec], taskQueue: h.taskQueue, workflowId: id });
  return id;
}

const cli = (argv: unknown) => (argv as string[]).join(' ');

describe('install workflow on the simulator', () => {
  it('installs 3scale 2.4 end to end, each side effect exactly once, and smoke-tests the Echo API', async () => {
    const id = await startInstall(simSpec('e2e-24'));
    const status = await waitForInstall(h.client, id);
    expect(status.state).toBe('installed');
    expect(status.steps.map((s) => [s.name, s.state])).toEqual([
      ['preflight', 'succeeded'],
      ['startCluster', 'succeeded'],
      ['login', 'succeeded'],
      ['ensureProject', 'succeeded'],
      ['ensurePullSecret', 'succeeded'],
      ['deployTemplate', 'succeeded'],
      ['waitForReadiness', 'succeeded'],
      ['smokeTest', 'succeeded'],
    ]);
    expect(status.readiness).toMatchObject({ ready: 15, total: 15 });
    expect(status.outputs).toMatchObject({
      adminPortal: expect.stringMatching(/^https:\/\/3scale-admin\.127\.\d+\.\d+\.\d+\.nip\.io$/),
      adminUser: 'admin',
      stagingGateway: expect.stringMatching(/^https:\/\/echo-api-3scale-apicast-staging\./),
    });
    expect(status.warnings.join('\n')).toContain('threescale-registry-auth is not referenced by the template');

    const journal = await world.journal();
    const ok = (re: RegExp) => journal.filter((e) => e.kind === 'cli' && e.exit === 0 && re.test(cli(e.argv)));
    expect(ok(/^start\b/)).toHaveLength(1);
    expect(ok(/^new-project\b/)).toHaveLength(1);
    expect(ok(/^create secret docker-registry\b/)).toHaveLength(1);
    expect(ok(/^new-app\b/)).toHaveLength(1);
    const gateway = journal.filter((e) => e.kind === 'http' && String(e.host).startsWith('echo-api-3scale-apicast-staging.'));
    expect(gateway.map((e) => e.status)).toEqual(expect.arrayContaining([403, 200]));
    expect(JSON.stringify(journal)).not.toContain('Reg1stry-Pa55');
  });

  it('installs the 2.12 template too (a different set of 15 DeploymentConfigs)', async () => {
    // The upstream 2.12 file defaults AMP_BACKEND_IMAGE to registry.redhat.com (sic); a real install must fix it.
    const parameters = { AMP_BACKEND_IMAGE: 'registry.redhat.io/3scale-amp2/backend-rhel8:3scale2.12' };
    const id = await startInstall(simSpec('e2e-212', { threescale: { release: '2.12.0', template: TEMPLATE_212, parameters }, smokeTest: { enabled: false } }));
    const status = await waitForInstall(h.client, id);
    expect({ state: status.state, pause: status.pause?.error }).toEqual({ state: 'installed', pause: undefined });
    expect(status.readiness).toMatchObject({ ready: 15, total: 15 });
    expect(status.readiness.dcs?.map((d) => d.name)).toContain('zync-que');
    expect(status.warnings.join('\n')).not.toContain('not referenced');
  });

  it('pauses at once on a non-retryable failure: a missing required parameter', async () => {
    const id = await startInstall(simSpec('e2e-param', { threescale: { release: '2.4.0', template: simSpec('x').threescale!.template, parameters: { WILDCARD_DOMAIN: '' } } }));
    const status = await waitForInstall(h.client, id);
    expect(status.state).toBe('paused');
    const step = status.steps.find((s) => s.name === 'deployTemplate')!;
    expect(step).toMatchObject({ state: 'failed', attempts: 1, error: { type: 'MissingParameter' } });
    expect(step.error?.message).toContain('parameter WILDCARD_DOMAIN is required and must be specified');
    await h.client.workflow.getHandle(id).cancel();
  });

  it('pauses before changing anything when the template file does not exist, naming it', async () => {
    const id = await startInstall(simSpec('e2e-tmpl', { threescale: { release: '2.4.0', template: '/nonexistent/amp.yml', parameters: {} } }));
    const status = await waitForInstall(h.client, id);
    expect(status.state).toBe('paused');
    expect(status.pause).toMatchObject({ step: 'preflight', error: { type: 'PreflightFailed' } });
    expect(status.pause?.error.message).toContain('template file /nonexistent/amp.yml does not exist');
    expect(status.steps.find((s) => s.name === 'startCluster')?.state).toBe('pending');
    expect(status.pause?.resumeCommand).toBe(`amp-installer resume ${id}`);
    await h.client.workflow.getHandle(id).cancel();
  });
});
