import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from '@jest/globals';
import { stringify } from 'yaml';

import { EVAL_FLOOR, OPENSHIFT_OVERHEAD } from '../../../src/activities/preflight/check-resources.js';
import { FIXTURE_TEMPLATES, TEMPLATE_24 } from '../../helpers/sim.js';
import { testdir } from '../../helpers/testdir.js';
import { checkOf, depsFor, preflightOf, preflightWorld, resolvesOnly, specFor, startVm } from './helpers.js';

const world = preflightWorld();
afterAll(() => world.reset());

const GiB = 1024;
const tmpl = (template: string) => ({ threescale: { release: '2.4.0', template, parameters: {} } });

/** A template whose DeploymentConfigs request known amounts (MiB and millicores), one pod spec per entry. */
function requestingTemplate(pods: Array<{ replicas: number; containers: Array<[number, number]>; init?: Array<[number, number]> }>): string {
  const container = ([mem, cpu]: [number, number], i: number) => ({ name: `c${i}`, image: 'busybox', resources: { requests: { memory: `${mem}Mi`, cpu: `${cpu}m` } } });
  const file = join(testdir(), 'requests.yml');
  writeFileSync(
    file,
    stringify({
      apiVersion: 'template.openshift.io/v1',
      kind: 'Template',
      metadata: { name: 'requests' },
      parameters: [{ name: 'WILDCARD_DOMAIN', required: true }],
      objects: pods.map((p, i) => ({
        apiVersion: 'apps.openshift.io/v1',
        kind: 'DeploymentConfig',
        metadata: { name: `dc${i}` },
        spec: { replicas: p.replicas, template: { spec: { containers: p.containers.map(container), initContainers: (p.init ?? []).map(container) } } },
      })),
    }),
  );
  return file;
}

describe('preflight: resources', () => {
  it('accepts the eval template on a VM of the eval floor and reports a smaller one', async () => {
    const floorGb = EVAL_FLOOR.memoryMiB / GiB;
    const enough = await preflightOf(depsFor(world), specFor('res-floor', { platform: { type: 'minishift', profile: 'res-floor', memory: `${floorGb}GB`, cpus: 2 } }));
    expect(checkOf(enough, 'resources')).toMatchObject({ ok: true, problems: [] });
    const small = await preflightOf(depsFor(world), specFor('res-small', { platform: { type: 'minishift', profile: 'res-small', memory: '4GB', cpus: 1 } }));
    expect(checkOf(small, 'resources').problems).toEqual([
      expect.stringContaining(`platform.memory 4GB is less than the ${floorGb} GiB the template 3scale-api-management-eval needs (it sets no resource requests`),
      expect.stringContaining(`platform.cpus 1 is less than the ${EVAL_FLOOR.cpuMillis / 1000} CPUs`),
    ]);
  });

  it("sizes a template by its own requests (init containers as the scheduler counts them) plus OpenShift's share", async () => {
    const pods = [
      { replicas: 2, containers: [[1024, 500], [512, 500]] as Array<[number, number]>, init: [[2048, 250]] as Array<[number, number]> },
      { replicas: 1, containers: [[1536, 1500]] as Array<[number, number]> },
    ];
    const memory = 2 * Math.max(1024 + 512, 2048) + 1536 + OPENSHIFT_OVERHEAD.memoryMiB;
    const cpus = Math.ceil((2 * Math.max(500 + 500, 250) + 1500 + OPENSHIFT_OVERHEAD.cpuMillis) / 1000);
    const file = requestingTemplate(pods);
    const below = await preflightOf(depsFor(world), specFor('res-req', { platform: { type: 'minishift', profile: 'res-req', memory: `${Math.floor(memory / GiB)}GB`, cpus: cpus - 1 }, ...tmpl(file) }));
    const problems = checkOf(below, 'resources').problems;
    expect(problems[0]).toContain(`set it to ${Math.ceil(memory / GiB)}GB or more`);
    expect(problems[1]).toContain(`platform.cpus ${cpus - 1} is less than the ${cpus} CPUs`);
    const enough = await preflightOf(depsFor(world), specFor('res-req', { platform: { type: 'minishift', profile: 'res-req', memory: `${memory}MB`, cpus }, ...tmpl(file) }));
    expect(checkOf(enough, 'resources').problems).toEqual([]);
  });

  it('reports that amp.yml does not fit the default 6GB VM', async () => {
    const report = await preflightOf(depsFor(world), specFor('res-amp', tmpl(join(FIXTURE_TEMPLATES, 'amp-2.4.yml'))));
    expect(checkOf(report, 'resources').problems).toEqual([expect.stringContaining('platform.memory 6GB is less than'), expect.stringContaining('platform.cpus 2 is less than')]);
    expect(checkOf(report, 'resources').problems[0]).toContain('its containers request');
  });

  it('only warns for an existing VM, whose size minishift keeps whatever the spec says', async () => {
    await startVm(world, 'res-existing');
    const check = checkOf(await preflightOf(depsFor(world), specFor('res-existing', { platform: { type: 'minishift', profile: 'res-existing', memory: '4GB', cpus: 2 } })), 'resources');
    expect(check).toMatchObject({ ok: true, problems: [] });
    expect(check.warnings).toEqual([expect.stringContaining('minishift ignores platform.memory/cpus for it'), expect.stringContaining('platform.memory 4GB is less than')]);
  });
});

describe('preflight: wildcard domain', () => {
  const spec = (profile: string, extra: object = {}) => specFor(profile, { threescale: { release: '2.4.0', template: TEMPLATE_24, parameters: {}, ...extra } });

  it('reports a wildcard domain whose names do not resolve when there is no router address', async () => {
    const report = await preflightOf(depsFor(world), spec('dom-invalid', { wildcardDomain: 'apps.example.invalid' }));
    expect(checkOf(report, 'domain').problems).toEqual([expect.stringContaining('3scale-admin.apps.example.invalid does not resolve')]);
  });

  it('accepts the same domain when router.address says where the router is', async () => {
    const report = await preflightOf(depsFor(world), { ...spec('dom-router', { wildcardDomain: 'apps.example.invalid' }), router: { address: '10.1.2.3' } });
    expect(checkOf(report, 'domain')).toMatchObject({ ok: true, summary: expect.stringContaining('through router.address 10.1.2.3') });
  });

  it("looks up the admin host of the template's tenant", async () => {
    const lookup = resolvesOnly('acme-admin.apps.example.com');
    const report = await preflightOf(depsFor(world), specFor('dom-tenant', { threescale: { release: '2.4.0', template: TEMPLATE_24, wildcardDomain: 'apps.example.com', parameters: { TENANT_NAME: 'acme' } } }), { lookup });
    expect(checkOf(report, 'domain')).toMatchObject({ ok: true, summary: 'acme-admin.apps.example.com resolves to 127.0.0.1' });
  });

  it("checks minishift's <VM IP>.nip.io once the VM runs, and only warns when it does not resolve", async () => {
    const ip = await startVm(world, 'dom-vm');
    const ok = await preflightOf(depsFor(world), spec('dom-vm'), { lookup: resolvesOnly(`3scale-admin.${ip}.nip.io`) });
    expect(checkOf(ok, 'domain')).toMatchObject({ ok: true, summary: `3scale-admin.${ip}.nip.io resolves to 127.0.0.1` });
    // Offline, <VM IP>.nip.io does not resolve; the install reaches its routes through the VM IP anyway.
    const offline = checkOf(await preflightOf(depsFor(world), spec('dom-vm'), { lookup: resolvesOnly() }), 'domain');
    expect(offline).toMatchObject({ ok: true, problems: [], warnings: [expect.stringContaining(`3scale-admin.${ip}.nip.io does not resolve from this worker`)] });
    expect(offline.warnings[0]).toContain(`(the VM IP ${ip})`);
  });

  it('before the VM exists, checks that nip.io names resolve from the worker at all (a warning when they do not)', async () => {
    const online = await preflightOf(depsFor(world), spec('dom-novm'), { lookup: resolvesOnly(/\.nip\.io$/) });
    expect(checkOf(online, 'domain')).toMatchObject({ ok: true, summary: expect.stringContaining('nip.io names resolve from this worker') });
    const offline = checkOf(await preflightOf(depsFor(world), spec('dom-novm'), { lookup: resolvesOnly() }), 'domain');
    expect(offline).toMatchObject({ ok: true, problems: [], warnings: [expect.stringContaining('nip.io names do not resolve from this worker')] });
  });
});
