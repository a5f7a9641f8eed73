import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execa } from 'execa';

import { PROJECT_ROOT } from '../../src/paths.js';
import type { LabStatus } from '../../src/shared/lab-status.js';
import { runCli } from '../helpers/cli.js';
import { startHarness, type Harness } from '../helpers/install-harness.js';
import { simWorld } from '../helpers/sim.js';
import { journalIntervals, labCli, labSpec, labStatus, maxOverlap, startLab, vmAddress, waitForLab } from './helpers.js';

const world = simWorld({ speed: 300, extraEnv: { TEST_REGISTRY_USER: 'demo-user', TEST_REGISTRY_PASSWORD: 'Reg1stry-Pa55' } });
const NAME = 'ilab';
const STUDENTS = ['student1', 'student2', 'student3', 'student4', 'student5', 'student6'];
const FAULTY = 'student3';
let h: Harness;
let id: string;

const profile = (s: string) => `${NAME}-${s}`;
const student = (s: LabStatus, name: string) => s.students.find((x) => x.name === name)!;
const sim = (args: string[]) => execa('node', [`${PROJECT_ROOT}/bin/amp-installer.js`, 'sim', ...args], { env: world.env });
const vmState = async (p: string) => (await execa('minishift', ['status', '--profile', p], { env: world.env, reject: false })).stdout;

beforeAll(async () => {
  h = await startHarness(world);
  // The faulty student's own VM: its smoke test's staging gateway answers 403 "blocked".
  await sim(['fault', 'add', 'gateway', '--host', `echo-api-3scale-apicast-staging.${vmAddress(world, profile(FAULTY))}.nip.io`, '--status', '403', '--body', 'blocked', '--times', '1000']);
  id = await startLab(h, labSpec(NAME, 'installs', 'unused', { students: { count: 6 }, concurrency: 2, ttl: '2h' }));
});
afterAll(async () => {
  await h?.client.workflow.getHandle(id).terminate().catch(() => undefined);
  await h?.stop();
  await world.reset();
});

describe('lab workflow, installs layout (a whole install per student on its own VM)', () => {
  it('installs every student on its own VM, never more than two at once, and pauses only the faulty one', async () => {
    const status = await waitForLab(h.client, id, (s) => s.state !== 'provisioning', 280_000);
    expect(status.state).toBe('paused');
    expect(status.students.map((s) => [s.name, s.state])).toEqual(STUDENTS.map((s) => [s, s === FAULTY ? 'paused' : 'ready']));
    const faulty = student(status, FAULTY);
    expect(faulty).toMatchObject({ installWorkflowId: `install-minishift-${profile(FAULTY)}-${NAME}-3scale`, step: 'smokeTest', error: { type: 'SmokeTestFailed' } });
    for (const s of STUDENTS.filter((x) => x !== FAULTY)) {
      expect(student(status, s).outputs.adminPortal).toBe(`https://3scale-admin.${vmAddress(world, profile(s))}.nip.io`);
    }
    // Each install reaches its own VM through its own kubeconfig, so the cap of 2 is used, and never exceeded.
    const own = status.students.map((s) => [Date.parse(s.provisioningStartedAt!), Date.parse(s.readyAt ?? s.stoppedAt!)] as [number, number]);
    expect(maxOverlap(own)).toBe(2);
    // Each profile's VM commands and router requests, as the simulator journaled them.
    const journal = await world.journal();
    // A paused student gives its slot back: the diagnostics its install collects after pausing are not provisioning.
    const pausedAt = (s: string) => (student(status, s).state === 'paused' ? Date.parse(student(status, s).stoppedAt!) : Infinity);
    // Every call is counted: preflight's tools probe (`oc version`) reaches no VM, so it is nobody's.
    const seen = journalIntervals(journal, STUDENTS, (e, s) => e.profile === profile(s) && Date.parse(String(e.t)) <= pausedAt(s));
    expect([...seen.keys()]).toEqual(STUDENTS);
    // On failure, the intervals show which students overlapped.
    const intervals = Object.fromEntries([...seen.entries()].map(([k, [a, b]]) => [k, [new Date(a).toISOString(), new Date(b).toISOString()]]));
    expect({ overlap: Math.min(maxOverlap([...seen.values()]), 2), intervals }).toEqual({ overlap: maxOverlap([...seen.values()]), intervals });
  }, 300_000);

  it("resumes the paused student's own install with lab resume, on its own VM", async () => {
    await sim(['fault', 'clear']);
    const installId = student(await labStatus(h.client, id), FAULTY).installWorkflowId!;
    const res = await labCli(['resume', NAME, FAULTY], h.taskQueue, world);
    expect(res.code).toBe(0);
    const status = await labStatus(h.client, id);
    expect(status.state).toBe('ready');
    expect(student(status, FAULTY)).toMatchObject({ state: 'ready', runs: 1, installWorkflowId: installId });
    // The same install went on from its failed step: it smoke-tested again, on the faulty student's VM.
    const install = await runCli(['status', installId, '--json'], { env: { ...world.env, AMP_TASK_QUEUE: h.taskQueue } });
    const steps = (JSON.parse(install.stdout) as { steps: Array<{ name: string; runs: number; state: string }> }).steps;
    expect(steps.find((x) => x.name === 'smokeTest')).toMatchObject({ state: 'succeeded', runs: 2 });
    expect(steps.find((x) => x.name === 'deployTemplate')).toMatchObject({ runs: 1 });
  }, 90_000);

  it('deletes every VM with lab down', async () => {
    const res = await labCli(['down', NAME, '--json'], h.taskQueue, world);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ state: 'torn-down', teardownReason: 'down' });
    for (const s of STUDENTS) expect(await vmState(profile(s))).toContain('Does Not Exist');
  }, 120_000);

  it('deletes the VMs when the TTL runs out', async () => {
    const short = await startLab(h, labSpec('ittl', 'installs', 'unused', { students: ['solo'], ttl: '40s' }));
    const ready = await waitForLab(h.client, short, (s) => s.state !== 'provisioning', 60_000);
    expect(ready.state).toBe('ready');
    expect(await vmState('ittl-solo')).toContain('Running');
    const final = (await h.client.workflow.getHandle(short).result()) as LabStatus;
    expect(final).toMatchObject({ state: 'torn-down', teardownReason: 'ttl', students: [{ name: 'solo', state: 'removed' }] });
    expect(await vmState('ittl-solo')).toContain('Does Not Exist');
  }, 120_000);
});
