import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from '@jest/globals';

import { updateProfileState } from '../../../src/sim/cluster/store/session.js';
import { testdir } from '../../helpers/testdir.js';
import { checkOf, depsFor, preflightOf, preflightWorld, sim, specFor, startVm } from './helpers.js';

const world = preflightWorld();
afterAll(() => world.reset());

/** An executable that answers `version` with the given line (a CLI of another release). */
function fakeCli(versionLine: string): string {
  const file = join(testdir(), 'cli');
  writeFileSync(file, `#!/bin/sh\necho '${versionLine}'\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('preflight: tools', () => {
  it('reports the oc and minishift versions the worker runs', async () => {
    const report = await preflightOf(depsFor(world), specFor('tools-ok'));
    const oc = (await sim(world, 'oc', ['version'])).stdout.split('\n')[0];
    const minishift = (await sim(world, 'minishift', ['version'])).stdout.trim();
    expect(checkOf(report, 'tools')).toMatchObject({ ok: true, problems: [], summary: `${oc}, ${minishift}` });
  });

  it("asks oc for its client version only, never the current context's cluster (in a lab: another student's VM)", async () => {
    await startVm(world, 'tools-other');
    const before = (await world.journal()).length;
    const report = await preflightOf(depsFor(world), specFor('tools-own'));
    expect(checkOf(report, 'tools')).toMatchObject({ ok: true });
    const probes = (await world.journal()).slice(before).filter((e) => e.cli === 'oc' && (e.argv as string[])[0] === 'version');
    expect(probes).toEqual([expect.objectContaining({ exit: 0 })]);
    expect(probes[0]).not.toHaveProperty('profile');
  });

  it('reports a missing oc and a missing minishift by the paths the worker runs, and skips what needs them', async () => {
    const deps = depsFor(world, { cli: { oc: '/nonexistent/oc', minishift: '/nonexistent/minishift' } });
    const report = await preflightOf(deps, specFor('tools-missing'));
    const tools = checkOf(report, 'tools');
    expect(tools.ok).toBe(false);
    expect(tools.problems).toEqual([expect.stringContaining('oc not found on the worker: /nonexistent/oc'), expect.stringContaining('minishift not found on the worker: /nonexistent/minishift')]);
    expect(checkOf(report, 'cluster')).toMatchObject({ ok: true, skipped: expect.stringContaining('minishift is not available') });
    expect(checkOf(report, 'project')).toMatchObject({ ok: true, skipped: expect.stringContaining('oc is not available') });
  });

  it('needs only oc for an existing cluster', async () => {
    const deps = depsFor(world, { cli: { oc: 'oc', minishift: '/nonexistent/minishift' } });
    const report = await preflightOf(deps, specFor('unused', { platform: { type: 'existing' } }));
    expect(checkOf(report, 'tools')).toMatchObject({ ok: true, problems: [] });
  });

  it('rejects an oc of another major version for minishift, and only warns about it for an existing cluster', async () => {
    const deps = depsFor(world, { cli: { oc: fakeCli('oc v4.6.0+abcdef0'), minishift: 'minishift' } });
    const mini = checkOf(await preflightOf(deps, specFor('tools-v4')), 'tools');
    expect(mini.problems).toEqual([expect.stringContaining('oc v4.6.0+abcdef0 found where oc 3.x (OpenShift 3.11) is expected')]);
    const existing = checkOf(await preflightOf(deps, specFor('unused', { platform: { type: 'existing' } })), 'tools');
    expect(existing).toMatchObject({ ok: true, warnings: [expect.stringContaining('oc v4.6.0+abcdef0 found where oc 3.x')] });
  });
});

describe('preflight: cluster', () => {
  it('accepts a profile without a VM (the install creates it) and a stopped VM (the install starts it)', async () => {
    expect(checkOf(await preflightOf(depsFor(world), specFor('never-started')), 'cluster')).toMatchObject({ ok: true, summary: expect.stringContaining('has no VM yet') });
    await startVm(world, 'stopped-vm');
    expect((await sim(world, 'minishift', ['stop', '--profile', 'stopped-vm'])).code).toBe(0);
    expect(checkOf(await preflightOf(depsFor(world), specFor('stopped-vm')), 'cluster')).toMatchObject({ ok: true, summary: expect.stringContaining('is stopped') });
  });

  it('accepts a running VM and names its address', async () => {
    const ip = await startVm(world, 'running-vm');
    expect(checkOf(await preflightOf(depsFor(world), specFor('running-vm')), 'cluster')).toMatchObject({ ok: true, summary: `the VM of profile running-vm runs at ${ip}` });
  });

  it('reports a running VM whose OpenShift is down, which minishift start would not bring back', async () => {
    await startVm(world, 'origin-down');
    await updateProfileState(world.home, 'origin-down', (cur) => ({ value: cur && { ...cur, vm: { ...cur.vm, openshift: 'Stopped' } }, result: undefined }));
    const cluster = checkOf(await preflightOf(depsFor(world), specFor('origin-down')), 'cluster');
    expect(cluster.ok).toBe(false);
    expect(cluster.problems).toEqual([expect.stringContaining('runs but OpenShift in it is Stopped: run `minishift stop --profile origin-down`')]);
  });

  it('reports a VM in a state the install can neither use nor start', async () => {
    const faults = join(testdir(), 'faults.json');
    const stdout = 'Minishift:  Paused\nProfile:    paused-vm\nOpenShift:  Stopped\nDiskUsage:  Unknown\n';
    writeFileSync(faults, JSON.stringify([{ kind: 'cli', match: 'minishift status', stdout, exitCode: 0 }]));
    const deps = depsFor(world, { env: { ...world.env, AMP_SIM_FAULTS: faults } });
    const cluster = checkOf(await preflightOf(deps, specFor('paused-vm')), 'cluster');
    expect(cluster.problems).toEqual([expect.stringContaining('the VM of profile paused-vm is Paused: the install can neither use nor start it')]);
  });

  it('reports an existing cluster the worker is not logged in to, with what oc said', async () => {
    const fresh = preflightWorld();
    const cluster = checkOf(await preflightOf(depsFor(fresh), specFor('unused', { platform: { type: 'existing' } })), 'cluster');
    expect(cluster.ok).toBe(false);
    expect(cluster.problems).toEqual([expect.stringMatching(/^oc whoami failed: error: Missing or incomplete configuration info/)]);
  });

  it('accepts an existing cluster the worker is logged in to, and reports one that is not platform.server', async () => {
    const ip = await startVm(world, 'existing');
    const ok = checkOf(await preflightOf(depsFor(world), specFor('unused', { platform: { type: 'existing', server: `https://${ip}:8443` } })), 'cluster');
    expect(ok).toMatchObject({ ok: true, summary: `logged in to https://${ip}:8443 as system:admin` });
    const other = checkOf(await preflightOf(depsFor(world), specFor('unused', { platform: { type: 'existing', server: 'https://master.example.com:8443' } })), 'cluster');
    expect(other.problems).toEqual([`the worker's kubeconfig points at https://${ip}:8443, not at https://master.example.com:8443 (platform.server)`]);
  });
});

describe('preflight: template', () => {
  it('reports a template file that does not exist, and skips the checks that measure against it', async () => {
    const report = await preflightOf(depsFor(world), specFor('no-template', { threescale: { release: '2.4.0', template: '/nonexistent/amp.yml', parameters: {} } }));
    expect(checkOf(report, 'template').problems).toEqual([expect.stringContaining('template file /nonexistent/amp.yml does not exist')]);
    for (const name of ['resources', 'project'] as const) expect(checkOf(report, name).skipped).toContain('the template is not readable');
  });

  it('reports spec parameters the template does not declare', async () => {
    const spec = specFor('bad-param', { threescale: { release: '2.4.0', template: specFor('x').threescale!.template, parameters: { NOT_A_PARAMETER: '1' } } });
    expect(checkOf(await preflightOf(depsFor(world), spec), 'template').problems).toEqual([expect.stringContaining('declares no parameter NOT_A_PARAMETER')]);
  });
});
