import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execa } from 'execa';

import { PROJECT_ROOT } from '../../src/paths.js';
import { addFault as storeAdd, clearFaults } from '../../src/sim/cluster/faults/store.js';
import type { FaultInput } from '../../src/sim/cluster/faults/types.js';
import type { ApiObject } from './helpers/sim.js';
import { SimHarness } from './helpers/sim.js';
import { writeApp } from './helpers/objects.js';

const CLI = join(PROJECT_ROOT, 'bin', 'amp-installer.js');

describe('fault injection (docs/simulator.md "Faults")', () => {
  const sim = new SimHarness(400);
  let ip = '';
  /** `amp-installer sim fault …` as a user types it. */
  const faultCli = async (...args: string[]): Promise<{ stdout: string; exitCode: number }> => {
    const r = await execa('node', [CLI, 'sim', 'fault', ...args], { env: sim.env(), extendEnv: false, reject: false });
    return { stdout: String(r.stdout), exitCode: r.exitCode ?? -1 };
  };
  /** The same store, in process (spawning the CLI for every fault would double this file's run time). */
  const addFault = async (fault: FaultInput): Promise<string> => (await storeAdd(sim.home, fault)).id;
  const clearFault = (id: string): Promise<number> => clearFaults(sim.home, [id]);
  const journal = (): ApiObject[] => readFileSync(join(sim.home, 'journal.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  /** A fresh project holding the small app of helpers/objects.ts. */
  const deploy = async (project: string, name: string, o: Parameters<typeof writeApp>[2] = {}): Promise<void> => {
    await sim.oc('new-project', project);
    const r = await sim.oc('create', '-f', writeApp(sim.dir, name, o));
    if (r.exitCode !== 0) throw new Error(r.stderr);
  };
  const pod = async (label: string): Promise<ApiObject | undefined> => (await sim.json('pods', '-l', label)).items[0];
  const waiting = (p: ApiObject | undefined): ApiObject | undefined => p?.status?.containerStatuses?.[0]?.state?.waiting;
  const ready = async (name: string): Promise<true | undefined> => ((await sim.json<ApiObject>('dc', name)).status.readyReplicas === 1 ? true : undefined);

  beforeAll(async () => {
    ip = await sim.up();
  });
  afterAll(() => sim.cleanup());

  it('cli: fails the next matching call with the given stderr and exit code, and the journal records both calls', async () => {
    const stderr = `Unable to connect to the server: dial tcp ${ip}:8443: connect: connection refused`;
    const add = await faultCli('add', 'cli', '--match', 'oc get pods', '--stderr', stderr, '--exit-code', '1', '--times', '1');
    expect(add.stdout).toMatch(/^f\d+$/);
    expect(await sim.oc('-n', 'default', 'get', 'pods')).toEqual({ stdout: '', stderr, exitCode: 1 });
    expect((await sim.oc('get', 'pods', '-n', 'default')).exitCode).toBe(0);
    const calls = journal().filter((e) => e.kind === 'cli' && e.argv.includes('pods'));
    expect(calls.slice(-2).map((e) => e.exit)).toEqual([1, 0]);
    expect(calls.at(-1)).toMatchObject({ cli: 'oc', argv: ['get', 'pods', '-n', 'default'], profile: 'minishift', ms: expect.any(Number) });
    expect((await faultCli('list')).stdout).toMatch(/^f\d+\s+cli\s+cli\s+1\/1\s+spent /m);
    expect(await faultCli('clear')).toEqual({ stdout: 'Cleared 1 fault(s).', exitCode: 0 });
    expect((await faultCli('add', 'pod', '--dc', 'x', '--mode', 'sideways')).exitCode).toBe(2);
  });

  it('cli: hangs a call for real seconds and the process dies on SIGTERM (journaled as 143)', async () => {
    await faultCli('add', '--json', JSON.stringify({ kind: 'cli', match: 'oc whoami', hangSeconds: 30, times: 1 }));
    const child = execa(join(PROJECT_ROOT, 'src', 'sim', 'bin', 'oc'), ['whoami'], { env: sim.env(), extendEnv: false, reject: false });
    await sim.until('the call to register', async () => (existsSync(join(sim.home, 'pids', String(child.pid))) ? true : undefined), 10_000, 20);
    const started = Date.now();
    child.kill('SIGTERM');
    const r = await child;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.exitCode).toBe(143);
    expect(journal().some((e) => e.argv[0] === 'whoami' && e.exit === 143)).toBe(true);
  });

  it('never journals secrets passed on the command line', async () => {
    await sim.oc('create', 'secret', 'docker-registry', 'reg', '--docker-server=registry.redhat.io', '--docker-username=me', '--docker-password=s3cr3t-pw');
    await sim.oc('process', '-f', join(sim.dir, 'missing.yml'), '--param', 'ADMIN_PASSWORD=hunter22', '-p', 'MASTER_ACCESS_TOKEN=tok123');
    const text = readFileSync(join(sim.home, 'journal.jsonl'), 'utf8');
    for (const secret of ['s3cr3t-pw', 'hunter22', 'tok123']) expect(text).not.toContain(secret);
    expect(text).toContain('--docker-password=[redacted]');
  });

  it('pod image-pull-unauthorized: while the kubelet retries the pull, the status keeps the last pull error (never ContainerCreating again)', async () => {
    const id = await addFault({ kind: 'pod', dc: 'repull', mode: 'image-pull-unauthorized', project: 'f-repull' });
    await deploy('f-repull', 'repull', { timeoutSeconds: 36_000 });
    // Watched at a low speed from the start: each call advances simulated time by less than a pull attempt lasts
    // (3 s), and the first back-off (10 s) passes in about a second.
    const snapshot = async () =>
      (JSON.parse((await sim.run('oc', ['get', 'pods,events', '-n', 'f-repull', '-o', 'json'], { speed: 10 })).stdout) as { items: ApiObject[] }).items;
    const reasons: string[] = [];
    await sim.until('a second pull attempt', async () => {
      const items = await snapshot();
      const app = items.find((o) => o.kind === 'Pod' && o.metadata.labels?.name === 'repull');
      const reason = waiting(app)?.reason;
      if (reason && (reasons.length > 0 || reason !== 'ContainerCreating')) reasons.push(reason);
      const pulls = items.filter((o) => o.kind === 'Event' && o.reason === 'Pulling' && o.involvedObject.name === app?.metadata.name);
      return pulls.reduce((n, e) => n + ((e as { count?: number }).count ?? 1), 0) >= 2 && reasons.includes('ImagePullBackOff') ? true : undefined;
    }, 30_000, 0);
    // From the first failure on, through the retry (the last sample was taken after it began): one of the two.
    expect([...new Set(reasons)].filter((r) => r !== 'ImagePullBackOff' && r !== 'ErrImagePull')).toEqual([]);
    await clearFault(id);
  });

  it('pod image-pull-unauthorized: ErrImagePull then ImagePullBackOff with the registry\'s unauthorized message; clearing lets the next back-off pull (openshift-cli.md §20.6)', async () => {
    const id = await addFault({ kind: 'pod', dc: 'pull', mode: 'image-pull-unauthorized', project: 'f-pull' });
    // A long rollout timeout: recovery here comes from the kubelet's next back-off, not from a new rollout.
    await deploy('f-pull', 'pull', { timeoutSeconds: 36_000 });
    const backoff = await sim.until('ImagePullBackOff', async () => {
      const p = await pod('name=pull');
      return waiting(p)?.reason === 'ImagePullBackOff' ? p : undefined;
    });
    expect(waiting(backoff)?.message).toMatch(/^Back-off pulling image "registry\.access\.redhat\.com\/rhscl\/redis-32-rhel7@sha256:[0-9a-f]{64}"$/);
    const failed = (await sim.json('events')).items.find((e) => e.reason === 'Failed' && e.message.startsWith('Failed to pull image'));
    expect(failed!.message).toContain('unauthorized: ');
    expect((await sim.oc('get', 'pods', '-l', 'name=pull')).stdout).toMatch(/\n\S+\s+0\/1\s+(ImagePullBackOff|ErrImagePull)\s+0\s+/);
    expect((await sim.oc('logs', backoff!.metadata.name)).stderr).toMatch(/^Error from server \(BadRequest\): container "pull" in pod "pull-1-\w{5}" is waiting to start: (trying and failing to pull image|image can't be pulled)$/);
    await clearFault(id);
    await sim.until('the pod to pull and become ready', () => ready('pull'), 30_000);
  });

  it('pod crashloop for a while: CrashLoopBackOff with a growing restart count, then the pod runs (openshift-cli.md §20.6)', async () => {
    await addFault({ kind: 'pod', dc: 'crash', mode: 'crashloop', forSeconds: 1200, project: 'f-crash' });
    await deploy('f-crash', 'crash', { timeoutSeconds: 36_000 });
    const crashing = await sim.until('CrashLoopBackOff', async () => {
      const p = await pod('name=crash');
      return waiting(p)?.reason === 'CrashLoopBackOff' ? p : undefined;
    });
    expect(crashing!.status.containerStatuses[0].lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(waiting(crashing)?.message).toMatch(/^Back-off (\d+m)?\d+s restarting failed container=crash pod=crash-1-\w{5}_f-crash\(/);
    await sim.until('recovery', () => ready('crash'), 30_000);
    expect((await pod('name=crash'))!.status.containerStatuses[0].restartCount).toBeGreaterThan(0);
  });

  it('pvc: the claim stays Pending and the pod unschedulable (FailedScheduling) until the fault is cleared (3scale-template.md §7.4)', async () => {
    const id = await addFault({ kind: 'pvc', claim: 'pend-data', project: 'f-pvc' });
    await deploy('f-pvc', 'pend', { timeoutSeconds: 36_000 });
    const events = await sim.until('FailedScheduling', async () => {
      const items = (await sim.json('events')).items;
      return items.some((e) => e.reason === 'FailedScheduling') ? items : undefined;
    });
    expect(events.find((e) => e.reason === 'FailedScheduling')!.message).toBe('pod has unbound PersistentVolumeClaims');
    expect(events.find((e) => e.reason === 'FailedBinding')!.message).toBe('no persistent volumes available for this claim and no storage class is set');
    expect((await sim.json<ApiObject>('pvc', 'pend-data')).status.phase).toBe('Pending');
    expect((await pod('name=pend'))!.status.phase).toBe('Pending');
    await clearFault(id);
    await sim.until('binding and readiness', () => ready('pend'), 30_000);
  });

  it('import: ImportSuccess=False Unauthorized, the DC waits on image update; clearing plus oc import-image recovers (openshift-cli.md §20.7, 3scale-template.md §7.2)', async () => {
    const id = await addFault({ kind: 'import', imagestream: 'imp', project: 'f-import' });
    await deploy('f-import', 'imp');
    const is = await sim.until('the import to fail', async () => {
      const o = await sim.json<ApiObject>('is', 'imp');
      return o.status.tags?.[0] ? o : undefined;
    });
    expect(is.status.tags[0]).toMatchObject({ tag: '1.0', items: null, conditions: [{ type: 'ImportSuccess', status: 'False', reason: 'Unauthorized', message: 'you may not have access to the Docker image "registry.access.redhat.com/rhscl/redis-32-rhel7:3.2"' }] });
    expect((await sim.json<ApiObject>('dc', 'imp')).status.latestVersion).toBe(0);
    expect(await sim.oc('logs', 'dc/imp')).toEqual({ stdout: '', stderr: 'Error from server (BadRequest): no deployment exists for deploymentConfig "imp"', exitCode: 1 });
    expect((await sim.json('pods')).items).toEqual([]);
    expect(await sim.oc('rollout', 'status', 'dc/imp', '--watch=false')).toEqual({ stdout: 'Deployment config "imp" waiting on image update', stderr: '', exitCode: 0 });
    expect(await sim.oc('rollout', 'latest', 'dc/imp')).toEqual({ stdout: '', stderr: 'error: cannot trigger a deployment for "imp" because it contains unresolved images', exitCode: 1 });
    await clearFault(id);
    expect(await sim.oc('import-image', 'imp', '--all')).toEqual({ stdout: 'imagestream.image.openshift.io/imp imported', stderr: '', exitCode: 0 });
    await sim.until('the rollout', () => ready('imp'), 30_000);
  });

  it('hook: the pre-hook fails while the fault has failures left, restarting in place, and the deployer log says so', async () => {
    const id = await addFault({ kind: 'hook', dc: 'hooked', hook: 'pre', failures: 50, project: 'f-hook' });
    await deploy('f-hook', 'hooked', { preHook: true });
    const log = await sim.until('two retries in the deployer log', async () => {
      const lines = (await sim.oc('logs', 'dc/hooked')).stdout.split('\n');
      return lines.includes('--> pre: Retrying hook pod (retry #2)') ? lines : undefined;
    });
    expect(log.slice(0, 3)).toEqual(['--> pre: Running hook pod ...', '--> pre: Retrying hook pod (retry #1)', '--> pre: Retrying hook pod (retry #2)']);
    // The crashed run's log: `--previous` names it whether the container waits in back-off or already runs again
    // (a restarted container's own log is empty until it prints, as the kubelet's is).
    const hookLog = (await sim.oc('logs', 'hooked-1-hook-pre', '--previous')).stdout;
    expect(hookLog).toContain('rake aborted!');
    expect((await sim.oc('get', 'pods')).stdout).toMatch(/\nhooked-1-hook-pre\s+0\/1\s+(Error|CrashLoopBackOff|Running)\s+[1-9]\d*\s+/);
    await clearFault(id);
    await sim.until('the rollout', () => ready('hooked'), 30_000);
    const started = (await sim.json('events')).items.find((e) => e.involvedObject.name === 'hooked-1-hook-pre' && e.reason === 'Started');
    expect(started!.count).toBeGreaterThanOrEqual(3);
  });

  it('a rollout that times out fails (RC scaled to 0, deployer pod Error) and only oc rollout retry restarts it (3scale-template.md §3.2, §7.6; openshift-cli.md §9, §20.7)', async () => {
    const id = await addFault({ kind: 'pod', dc: 'slow', mode: 'image-pull-unauthorized', project: 'f-timeout' });
    await deploy('f-timeout', 'slow', { recreate: true, timeoutSeconds: 120 });
    const status = await sim.oc('rollout', 'status', 'dc/slow');
    expect(status.exitCode).toBe(1);
    expect(status.stderr).toBe('error: replication controller "slow-1" has failed progressing');
    expect((await sim.json<ApiObject>('rc', 'slow-1')).spec.replicas).toBe(0);
    await sim.until('the app pod to go', async () => ((await sim.json('pods', '-l', 'name=slow')).items.length === 0 ? true : undefined));
    expect((await sim.oc('get', 'pods')).stdout).toMatch(/\nslow-1-deploy\s+0\/1\s+Error\s+0\s+/);
    const log = (await sim.oc('logs', 'dc/slow')).stdout.split('\n');
    expect(log).toEqual(['--> Scaling slow-1 to 1', "error: update acceptor rejected slow-1: pods for rc 'f-timeout/slow-1' took longer than 120 seconds to become available"]);
    await clearFault(id);
    expect(await sim.oc('rollout', 'retry', 'dc/slow')).toEqual({ stdout: 'deploymentconfig.apps.openshift.io/slow retried rollout #1', stderr: '', exitCode: 0 });
    expect((await sim.oc('rollout', 'status', 'dc/slow')).stdout.split('\n').at(-1)).toBe('replication controller "slow-1" successfully rolled out');
    expect(await sim.oc('rollout', 'retry', 'dc/slow')).toEqual({
      stdout: '',
      stderr: "error: rollout #1 is complete; only failed deployments can be retried.\nYou can start a new deployment with 'oc rollout latest dc/slow'.",
      exitCode: 1,
    });
  });

  it('minishift-start (fault file): image-pull fails the start with the text of §14 on stderr, after the progress on stdout (openshift-cli.md §20.9)', async () => {
    const other = new SimHarness(100_000);
    try {
      const file = join(other.dir, 'faults.yaml');
      writeFileSync(file, '- kind: minishift-start\n  stage: image-pull\n  times: 1\n');
      const r = await other.run('minishift', ['start'], { env: { AMP_SIM_FAULTS: file } });
      expect(r.exitCode).toBe(1);
      expect(r.stdout).toMatch(/-- Pulling the OpenShift Container Image \.+ FAIL$/);
      expect(r.stderr.split('\n')).toEqual([
        'Error pulling the OpenShift container image: ssh command error:',
        'command : docker pull openshift/origin-control-plane:v3.11.0',
        'err     : Process exited with status 1',
        'output  : Trying to pull repository docker.io/openshift/origin-control-plane ... ',
        'repository docker.io/openshift/origin-control-plane not found: does not exist or no pull access',
      ]);
      // The VM came up before the pull failed: it runs without OpenShift, and start now says it is running.
      expect((await other.minishift('status')).stdout.split('\n').slice(0, 3)).toEqual(['Minishift:  Running', 'Profile:    minishift', 'OpenShift:  Stopped']);
      expect((await other.run('minishift', ['start'], { env: { AMP_SIM_FAULTS: file } })).stdout).toBe("-- Starting profile 'minishift'\nThe 'minishift' VM is already running.");
      expect((await other.oc('whoami')).exitCode).toBe(1);
      await other.minishift('stop');
      expect((await other.run('minishift', ['start'], { env: { AMP_SIM_FAULTS: file } })).exitCode).toBe(0);
      expect((await other.oc('whoami')).stdout).toBe('developer');
    } finally {
      await other.cleanup();
    }
  });
});
