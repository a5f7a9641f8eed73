import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';

import { TEMPLATE_24 } from '../../helpers/sim.js';
import { checkOf, createObjects, depsFor, preflightOf, preflightWorld, sim, specFor, startVm } from './helpers.js';

const world = preflightWorld();
const PROFILE = 'project-checks';
const template = parse(readFileSync(TEMPLATE_24, 'utf8')) as { objects: Array<{ kind: string; metadata: { name: string } }> };
const namesOf = (kind: string) => template.objects.filter((o) => o.kind === kind).map((o) => o.metadata.name);

beforeAll(async () => {
  await startVm(world, PROFILE);
});
afterAll(() => world.reset());

const specIn = (project: string) => specFor(PROFILE, { openshift: { user: 'system:admin', project }, router: { address: '127.0.0.1' } });
const projectCheck = async (project: string) => checkOf(await preflightOf(depsFor(world), specIn(project)), 'project');
const secret = (name: string) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name }, stringData: { PASSWORD: 'left-over-pw' } });
const pvc = (name: string) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });

describe('preflight: stale objects in the project', () => {
  it('accepts a project that does not exist yet', async () => {
    expect(await projectCheck('fresh')).toMatchObject({ ok: true, summary: 'project fresh does not exist yet' });
  });

  it("reports every secret and claim of an earlier install left without its DeploymentConfigs, with the fix", async () => {
    const stale = [...namesOf('Secret').slice(0, 3), ...namesOf('PersistentVolumeClaim').slice(0, 1)];
    await createObjects(world, 'stale', [...namesOf('Secret').slice(0, 3).map(secret), ...namesOf('PersistentVolumeClaim').slice(0, 1).map(pvc)]);
    const check = await projectCheck('stale');
    expect(check.ok).toBe(false);
    expect(check.problems).toHaveLength(1);
    for (const name of stale) expect(check.problems[0]).toContain(`/${name}`);
    expect(check.problems[0]).toContain('amp-installer teardown -f <spec>');
    expect(check.problems[0]).toMatch(/oc delete secret\/\S+ secret\/\S+ secret\/\S+ pvc\/\S+ -n stale/);
    expect(JSON.stringify(check)).not.toContain('left-over-pw');
  });

  it('accepts a complete install of the same template (the install is idempotent)', async () => {
    expect((await sim(world, 'oc', ['new-project', 'complete'])).code).toBe(0);
    const res = await sim(world, 'oc', ['new-app', '-f', TEMPLATE_24, '-p', 'WILDCARD_DOMAIN=apps.example.com', '-n', 'complete']);
    expect(res.code).toBe(0);
    const check = await projectCheck('complete');
    expect(check).toMatchObject({ ok: true, problems: [], summary: expect.stringContaining(`(${namesOf('DeploymentConfig').length} DeploymentConfigs)`) });
  });

  it('reports DeploymentConfigs of another 3scale template', async () => {
    const foreign = { apiVersion: 'apps.openshift.io/v1', kind: 'DeploymentConfig', metadata: { name: 'zync-que', labels: { '3scale.component': 'zync', app: '3scale-api-management' } }, spec: { replicas: 1, selector: { deploymentConfig: 'zync-que' }, template: { metadata: { labels: { deploymentConfig: 'zync-que' } }, spec: { containers: [{ name: 'que', image: 'registry.redhat.io/3scale-amp2/zync-rhel8:3scale2.12' }] } } } };
    await createObjects(world, 'foreign', [foreign]);
    expect((await projectCheck('foreign')).problems).toEqual([expect.stringContaining('DeploymentConfigs of another 3scale template that 3scale-api-management-eval does not define: dc/zync-que')]);
  });

  it('reports image streams of another 3scale release', async () => {
    const stream = { apiVersion: 'image.openshift.io/v1', kind: 'ImageStream', metadata: { name: 'amp-system' }, spec: { tags: [{ name: '2.12', from: { kind: 'DockerImage', name: 'registry.redhat.io/3scale-amp2/system-rhel7:3scale2.12' } }] } };
    await createObjects(world, 'old-release', [stream]);
    expect((await projectCheck('old-release')).problems).toEqual([expect.stringContaining('imagestream/amp-system (has 2.12, not')]);
  });

  it("still looks into the project when oc's current context is not an admin (after minishift reset it to developer)", async () => {
    await createObjects(world, 'stale-dev', [secret(namesOf('Secret')[0])]);
    expect((await sim(world, 'oc', ['login', '-u', 'developer', '-p', 'developer'])).code).toBe(0);
    try {
      expect((await projectCheck('stale-dev')).problems).toEqual([expect.stringContaining(`secret/${namesOf('Secret')[0]}`)]);
    } finally {
      expect((await sim(world, 'oc', ['login', '-u', 'system:admin'])).code).toBe(0);
    }
  });
});
