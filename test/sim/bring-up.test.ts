import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';

import type { ApiObject, CliResult } from './helpers/sim.js';
import { SimHarness, fixture } from './helpers/sim.js';
import { writeApp } from './helpers/objects.js';

type Tpl = { objects: ApiObject[]; parameters: Array<{ name: string; value?: string }> };

/** What a template's DCs look like, computed from the file (nothing here is a fixed 3scale list). */
function dcsOf(file: string): { names: string[]; hooks: string[] } {
  const t = parse(readFileSync(fixture(file), 'utf8')) as Tpl;
  const dcs = t.objects.filter((o) => o.kind === 'DeploymentConfig');
  const hooks = dcs.flatMap((dc) => {
    const params = dc.spec.strategy?.rollingParams ?? dc.spec.strategy?.recreateParams ?? {};
    return ['pre', 'mid', 'post'].filter((h) => params[h]).map((h) => `${dc.metadata.name}-1-hook-${h}`);
  });
  return { names: dcs.map((d) => d.metadata.name).sort(), hooks };
}

interface BringUp {
  sim: SimHarness;
  seenPods: Set<string>;
  rolloutStatus: CliResult;
  events: ApiObject[];
}

/**
 * Installs a template and polls until every DC rolled out, recording the pods seen on the way. `oc new-app` runs at
 * speed 10 so its own wall time (seconds on a loaded box) does not become minutes of cluster time; the bring-up then
 * runs at speed 150, slow enough for the polls to see the deployer and hook pods of system-app.
 */
async function bringUp(file: string, extraParams: string[], before: (sim: SimHarness, ip: string) => Promise<void>): Promise<BringUp> {
  const sim = new SimHarness(150);
  const ip = await sim.up();
  await sim.oc('new-project', '3scale');
  await before(sim, ip);
  const install = await sim.run('oc', ['new-app', '-f', fixture(file), '-p', `WILDCARD_DOMAIN=${ip}.nip.io`, ...extraParams], { speed: 10 });
  if (install.exitCode !== 0) throw new Error(`new-app failed: ${install.stderr}`);
  const watching = sim.oc('rollout', 'status', 'dc/system-app');
  const seenPods = new Set<string>();
  const total = dcsOf(file).names.length;
  await sim.until(
    'every DC to roll out',
    async () => {
      const items = (await sim.json('pods,dc')).items;
      for (const p of items.filter((o) => o.kind === 'Pod')) seenPods.add(p.metadata.name);
      const done = items.filter((d) => d.kind === 'DeploymentConfig' && d.status.conditions?.some((c: ApiObject) => c.reason === 'NewReplicationControllerAvailable'));
      return done.length === total ? true : undefined;
    },
    60_000,
    50,
  );
  const events = (await sim.json('events')).items;
  return { sim, seenPods, rolloutStatus: await watching, events };
}

/** The checks every template's bring-up must pass; returns an accessor for the run. */
function bringUpSuite(file: string, params: string[], before: (sim: SimHarness, ip: string) => Promise<void>): () => BringUp {
  const expected = dcsOf(file);
  let run: BringUp;
  afterAll(() => run?.sim.cleanup());

  it('rolls out every DeploymentConfig of the template to one ready pod (3scale-template.md §7.7)', async () => {
    run = await bringUp(file, params, before);
    const dcs = await run.sim.json('dc');
    expect(dcs.items.map((d) => d.metadata.name).sort()).toEqual(expected.names);
    for (const dc of dcs.items) expect(dc.status).toMatchObject({ latestVersion: 1, replicas: 1, readyReplicas: 1, availableReplicas: 1 });
    const pods = (await run.sim.json('pods')).items;
    expect(pods.map((p) => p.metadata.labels.deploymentconfig).sort()).toEqual(expected.names);
    for (const p of pods) {
      expect(p.status.phase).toBe('Running');
      expect(p.status.conditions.find((c: ApiObject) => c.type === 'Ready').status).toBe('True');
    }
  });

  it('ran a deployer pod per DC plus the hook pods, and removed them all after success (3scale-template.md §3.2, §3.4, §7.7; openshift-cli.md §20.6)', async () => {
    const involved = new Set(run.events.filter((e) => e.reason === 'Scheduled').map((e) => e.involvedObject.name));
    for (const dc of expected.names) expect(involved).toContain(`${dc}-1-deploy`);
    for (const hook of expected.hooks) expect(involved).toContain(hook);
    expect(run.seenPods).toContain('system-app-1-deploy');
    expect(run.seenPods).toContain('system-app-1-hook-pre');
    const left = (await run.sim.json('pods')).items.map((p) => p.metadata.name);
    expect(left.filter((n) => n.endsWith('-deploy') || n.includes('-hook-'))).toEqual([]);
  });

  it('let oc rollout status watch the system-app rollout to its success line, exit 0 (openshift-cli.md §9)', () => {
    expect(run.rolloutStatus.exitCode).toBe(0);
    const lines = run.rolloutStatus.stdout.split('\n');
    expect(lines.at(-1)).toBe('replication controller "system-app-1" successfully rolled out');
    expect(lines).toContain('Waiting for rollout to finish: 0 out of 1 new replicas have been updated...');
  });
  return () => run;
}

describe('bring-up of amp-eval-tech-preview-2.4.yml at a high speed factor (3scale-template.md §3, §7)', () => {
  const run = bringUpSuite('amp-eval-tech-preview-2.4.yml', [], async () => undefined);

  it('restarts the system-app pre-hook while MySQL initialises, with readiness probe failures on the way (3scale-template.md §3.3, §7.5)', async () => {
    const { events, sim } = run();
    const backoffs = events.filter((e) => e.involvedObject.name === 'system-app-1-hook-pre' && e.reason === 'BackOff');
    expect(backoffs.length).toBeGreaterThan(0);
    const unhealthy = events.filter((e) => e.reason === 'Unhealthy' && e.involvedObject.name.startsWith('system-mysql-1-'));
    expect(unhealthy[0]?.message).toMatch(/^Readiness probe failed: /);
    const hookDone = events.find((e) => e.reason === 'Completed' && e.message.startsWith('The pre-hook for rc 3scale/system-app-1'));
    const mysqlReady = (await sim.json('pods', '-l', 'deploymentconfig=system-mysql')).items[0].status.conditions.find((c: ApiObject) => c.type === 'Ready');
    expect(Date.parse(hookDone!.firstTimestamp)).toBeGreaterThanOrEqual(Date.parse(mysqlReady.lastTransitionTime));
  });

  it('asks for a container when oc logs meets the three-container system-app pod (openshift-cli.md §11)', async () => {
    const { sim } = run();
    const r = await sim.oc('logs', 'dc/system-app');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^Error from server \(BadRequest\): a container name must be specified for pod system-app-1-\w{5}, choose one of: \[system-master system-provider system-developer\]$/);
    expect((await sim.oc('logs', 'dc/system-app', '-c', 'system-master')).exitCode).toBe(0);
  });
});

describe('oc logs of a pod and a DC (openshift-cli.md §11)', () => {
  let sim: SimHarness;
  let pod = '';
  beforeAll(async () => {
    sim = new SimHarness(300);
    await sim.up();
    await sim.oc('new-project', '3scale');
    await sim.oc('create', '-f', writeApp(sim.dir, 'multi'));
    await sim.until('the pod', async () => {
      const p = (await sim.json('pods', '-l', 'name=multi')).items[0];
      pod = p?.metadata.name ?? '';
      return p?.status.containerStatuses?.[0]?.state?.running ? true : undefined;
    });
  });
  afterAll(() => sim.cleanup());

  it.each([
    [['pods/nope'], 'Error from server (NotFound): pods "nope" not found'],
    [['POD', '-c', 'wrong'], 'Error from server (BadRequest): container wrong is not valid for pod POD'],
    [['POD', '--previous'], 'Error from server (BadRequest): previous terminated container "multi" in pod "POD" not found'],
  ])('oc logs %j fails on stderr with exit 1', async (args, stderr) => {
    const r = await sim.oc('logs', ...args.map((a) => a.replace('POD', pod)));
    expect(r).toEqual({ stdout: '', stderr: stderr.replaceAll('POD', pod), exitCode: 1 });
  });

  it('prints the container log of a running pod, also through dc/NAME once the deployer is gone', async () => {
    const direct = await sim.oc('logs', pod);
    expect(direct.exitCode).toBe(0);
    expect(direct.stdout).toContain('Ready to accept connections');
    await sim.until('the rollout', async () => ((await sim.json<ApiObject>('dc', 'multi')).status.conditions.some((c: ApiObject) => c.reason === 'NewReplicationControllerAvailable') ? true : undefined));
    expect((await sim.oc('logs', 'dc/multi')).stdout).toBe(direct.stdout);
  });
});

describe('bring-up of amp-eval-tech-preview-2.12.yml at a high speed factor (3scale-template.md §6)', () => {
  // The 2.12 file's AMP_BACKEND_IMAGE default points at registry.redhat.com (a typo upstream, 3scale-template.md §6);
  // registry.redhat.io needs credentials, which the ServiceAccount amp references as threescale-registry-auth.
  bringUpSuite('amp-eval-tech-preview-2.12.yml', ['-p', 'AMP_BACKEND_IMAGE=registry.redhat.io/3scale-amp2/backend-rhel8:3scale2.12'], async (sim) => {
    await sim.oc('create', 'secret', 'docker-registry', 'threescale-registry-auth', '--docker-server=registry.redhat.io', '--docker-username=u', '--docker-password=p');
  });
});
