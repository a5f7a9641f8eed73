import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execa } from 'execa';

import type { HttpClient } from '../../src/activities/lib/http-client.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import type { LabStatus } from '../../src/shared/lab-status.js';
import { startReceiver, type Receiver } from '../activities/notify/fixtures/receiver.js';
import { eventually } from '../schedules/helpers.js';
import { startHarness, type Harness } from '../helpers/install-harness.js';
import { simWorld } from '../helpers/sim.js';
import { credentials, journalIntervals, labCli, labFile, labSpec, labStatus, maxOverlap, routerClient, vmAddress, waitForLab } from './helpers.js';

const world = simWorld({ speed: 200, extraEnv: { TEST_REGISTRY_USER: 'demo-user', TEST_REGISTRY_PASSWORD: 'Reg1stry-Pa55' } });
const PROFILE = 'lab-tenants';
const NAME = 'tlab';
const STUDENTS = ['student1', 'student2', 'student3', 'student4', 'student5', 'student6'];
const FAULTY = 'student4';
let h: Harness;
let receiver: Receiver;
let http: HttpClient;
let id: string;
let domain: string;
let file: string;

const settled = (s: LabStatus) => s.state !== 'provisioning';
const student = (s: LabStatus, name: string) => s.students.find((x) => x.name === name)!;
const sim = (args: string[]) => execa('node', [`${PROJECT_ROOT}/bin/amp-installer.js`, 'sim', ...args], { env: world.env });
const gatewayHost = (name: string) => `echo-api-${name}-apicast-staging.${domain}`;
const call = (url: string, token?: string) =>
  http.send({ method: 'GET', url, headers: token ? { authorization: `Basic ${Buffer.from(`:${token}`).toString('base64')}` } : {} });

beforeAll(async () => {
  h = await startHarness(world);
  receiver = await startReceiver();
  http = routerClient(world, PROFILE);
  domain = `${vmAddress(world, PROFILE)}.nip.io`;
  // The faulty student's staging gateway answers 403 "blocked" (not APIcast's text): its proof fails at once.
  await sim(['fault', 'add', 'gateway', '--host', gatewayHost(FAULTY), '--status', '403', '--body', 'blocked', '--times', '1000']);
  file = labFile(labSpec(NAME, 'tenants', PROFILE, { students: { count: 6 }, concurrency: 2, ttl: '2h', notifications: { webhook: receiver.url } }));
  const up = await labCli(['up', '-f', file, '--detach'], h.taskQueue, world);
  expect([up.code, up.stdout]).toEqual([0, expect.stringContaining(`Started lab lab-${NAME}`)]);
  id = `lab-${NAME}`;
});
afterAll(async () => {
  await h?.client.workflow.getHandle(id).terminate().catch(() => undefined);
  await http?.close();
  await receiver?.close();
  await h?.stop();
  await world.reset();
});

describe('lab workflow, tenants layout (a tenant per student on one shared 3scale)', () => {
  it('provisions six tenants at most two at a time and pauses only the faulty student', async () => {
    const status = await waitForLab(h.client, id, (s) => settled(s) && s.students.every((x) => x.state !== 'pending' || x.name === FAULTY));
    expect(status.state).toBe('paused');
    expect(status.shared).toMatchObject({ state: 'installed', workflowId: 'install-minishift-lab-tenants-tlab-3scale' });
    expect(status.students.map((s) => [s.name, s.state])).toEqual(STUDENTS.map((s) => [s, s === FAULTY ? 'paused' : 'ready']));
    expect(student(status, FAULTY).error).toMatchObject({ type: 'SmokeTestFailed' });
    expect(student(status, FAULTY).error?.message).toContain('403 "blocked"');
    for (const name of STUDENTS.filter((s) => s !== FAULTY)) {
      expect(student(status, name).outputs).toEqual({ adminUrl: `https://${name}-admin.${domain}`, gatewayUrl: `https://${gatewayHost(name)}` });
    }

    // The lab's own timestamps: never more than two students provisioning at once, the canary alone first.
    const own = status.students.map((s) => [Date.parse(s.provisioningStartedAt!), Date.parse(s.readyAt ?? s.stoppedAt!)] as [number, number]);
    expect(maxOverlap(own)).toBe(2);
    const canaryDone = Date.parse(student(status, 'student1').readyAt!);
    for (const s of status.students.slice(1)) expect(Date.parse(s.provisioningStartedAt!)).toBeGreaterThanOrEqual(canaryDone);
    // The simulator's journal: the calls that carry each student's hosts (admin route and portal, gateway).
    const journal = await world.journal();
    const mine = (e: Record<string, unknown>, s: string) => JSON.stringify([e.host, e.argv]).includes(`${s}-admin.${domain}`) || JSON.stringify([e.host, e.argv]).includes(gatewayHost(s));
    const seen = journalIntervals(journal, STUDENTS, mine);
    expect([...seen.keys()]).toEqual(STUDENTS);
    expect(maxOverlap([...seen.values()])).toBeLessThanOrEqual(2);
    // The lab and the install it started carry the AmpLab search attribute (visibility is eventually consistent).
    const tagged = async () => {
      const ids: string[] = [];
      for await (const wf of h.client.workflow.list({ query: `AmpLab = '${NAME}'` })) ids.push(wf.workflowId);
      return ids.length >= 2 ? ids.sort() : undefined;
    };
    expect(await eventually(tagged, 'AmpLab in visibility')).toEqual([status.shared!.workflowId, id].sort());
  }, 200_000);

  it('shows the pause through the CLI: lab up attaches and exits 3, lab status names the retry, no secrets', async () => {
    const up = await labCli(['up', '-f', file], h.taskQueue, world);
    expect(up.code).toBe(3);
    expect(up.stdout).toContain(`Attached to the running lab lab-${NAME}`);
    expect(up.stdout).toContain(`retry: amp-installer lab resume ${NAME} ${FAULTY}`);
    const status = await labCli(['status', NAME], h.taskQueue, world);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`Lab ${NAME} \\(tenants, lab-${NAME}\\): paused — 5 ready, 1 paused`));
    expect(status.stdout).toContain(`adminUrl https://student1-admin.${domain}`);
    const json = JSON.parse((await labCli(['status', NAME, '--json'], h.taskQueue, world)).stdout) as LabStatus;
    expect(json.counts).toEqual({ ready: 5, paused: 1 });
    const creds = await labCli(['credentials', NAME], h.taskQueue, world);
    expect(creds.code).toBe(0);
    const all = await credentials(h.client, id);
    // The paused student's tenant exists (its proof failed after creation): the lab kept its credentials.
    expect(all[FAULTY]).toMatchObject({ adminUsername: FAULTY, adminPassword: expect.any(String), accessToken: expect.any(String) });
    const secrets = Object.values(all).flatMap((c) => [c.adminPassword, c.accessToken, c.gatewayUserKey].filter((v): v is string => !!v));
    // The Web UI's current details show the students, never their secrets.
    const meta = (await h.client.workflow.getHandle(id).query('__temporal_workflow_metadata')) as { currentDetails?: string };
    expect(meta.currentDetails).toContain(`${FAULTY}: paused`);
    for (const secret of secrets) {
      expect(creds.stdout).toContain(secret);
      expect(`${up.stdout}${status.stdout}${JSON.stringify(json)}${meta.currentDetails}`).not.toContain(secret);
    }
  }, 60_000);

  it("answers each tenant's own key on its gateway and refuses another tenant's", async () => {
    const creds = await credentials(h.client, id);
    const ready = STUDENTS.filter((s) => s !== FAULTY);
    for (const [i, name] of ready.entries()) {
      const mine = creds[name];
      expect(mine).toMatchObject({ adminUsername: name, adminPassword: expect.any(String), accessToken: expect.any(String), gatewayUserKey: expect.any(String) });
      const own = await call(`https://${gatewayHost(name)}/hello?user_key=${mine.gatewayUserKey}`);
      expect(own.status).toBe(200);
      const other = creds[ready[(i + 1) % ready.length]];
      const foreign = await call(`https://${gatewayHost(name)}/hello?user_key=${other.gatewayUserKey}`);
      expect([foreign.status, foreign.body]).toEqual([403, 'Authentication failed']);
      // The admin token works on the tenant's own admin portal only.
      expect((await call(`https://${name}-admin.${domain}/admin/api/services.json`, mine.accessToken)).status).toBe(200);
      expect((await call(`https://${name}-admin.${domain}/admin/api/services.json`, other.accessToken)).status).toBe(403);
    }
  });

  it('provisions the paused student again with lab resume once the fault is gone, then tells the webhook once', async () => {
    await sim(['fault', 'clear']);
    const tenantId = student(await labStatus(h.client, id), FAULTY).tenantId;
    expect(tenantId).toEqual(expect.any(Number));
    const res = await labCli(['resume', NAME, FAULTY], h.taskQueue, world);
    expect(res.code).toBe(0);
    const status = await waitForLab(h.client, id, (s) => s.state === 'ready');
    // The retry finished the tenant it had made (2.4 signup is not idempotent): one signup per student in all.
    expect(student(status, FAULTY)).toMatchObject({ state: 'ready', runs: 2, tenantId });
    const signups = (await world.journal()).filter((e) => e.method === 'POST' && String(e.path).startsWith('/master/api/providers'));
    expect(signups).toHaveLength(STUDENTS.length);
    await waitForLab(h.client, id, () => [...receiver.events.values()].some((e) => e.event === 'lab-ready'), 30_000);
    const ready = [...receiver.events.values()].filter((e) => e.event === 'lab-ready');
    expect(ready).toHaveLength(1);
    expect(ready[0]).toMatchObject({ lab: NAME, workflowId: id, state: 'ready', outputs: { layout: 'tenants' } });
  }, 120_000);

  it('adds and removes students while it runs', async () => {
    const added = await labCli(['add', NAME, 'late1'], h.taskQueue, world);
    expect(added.code).toBe(0);
    const removed = await labCli(['remove', NAME, 'student2'], h.taskQueue, world);
    expect(removed.code).toBe(0);
    const status = await waitForLab(h.client, id, (s) => student(s, 'late1')?.state === 'ready' && student(s, 'student2').state === 'removed');
    expect(status.state).toBe('ready');
    const creds = await credentials(h.client, id);
    expect(creds.student2).toBeUndefined();
    expect((await call(`https://${gatewayHost('late1')}/x?user_key=${creds.late1.gatewayUserKey}`)).status).toBe(200);
    // student2's portal and gateway are gone with its tenant and routes.
    expect((await call(`https://student2-admin.${domain}/admin/api/services.json`)).status).toBe(503);
    expect((await call(`https://${gatewayHost('student2')}/x`)).status).toBe(503);
  }, 120_000);

  it('never leaves two tenants for one student: a retried attempt finishes its own, an orphan is replaced', async () => {
    const signups = async () => (await world.journal()).filter((e) => e.method === 'POST' && String(e.path).startsWith('/master/api/providers')).length;
    const before = await signups();
    // late2: its admin route fails once after its tenant was made; the next attempt takes the tenant from its heartbeat.
    await sim(['fault', 'add', 'cli', '--match', 'oc create route edge late2-admin', '--times', '1', '--stderr', 'Error from server (InternalError): etcdserver: request timed out', '--exit-code', '1']);
    // late3: a tenant of its name already exists, as if an earlier creation's answer had been lost.
    const dc = (await execa('oc', ['get', 'dc', 'system-app', '-n', `${NAME}-3scale`, '-o', 'json'], { env: world.env })).stdout;
    const masterToken = /MASTER_ACCESS_TOKEN=\\"([^\\"]+)\\"/.exec(dc)![1];
    const form = { org_name: 'late3', username: 'late3', email: 'late3@example.com', password: 'l0st-Passw0rd' };
    const orphan = await http.send({ method: 'POST', url: `https://master.${domain}/master/api/providers.xml`, form, headers: { authorization: `Basic ${Buffer.from(`:${masterToken}`).toString('base64')}` } });
    expect(orphan.status).toBe(201);
    const orphanId = /<account><id>(\d+)<\/id>/.exec(orphan.body)![1];

    expect((await labCli(['add', NAME, 'late2', 'late3'], h.taskQueue, world)).code).toBe(0);
    const status = await waitForLab(h.client, id, (s) => ['late2', 'late3'].every((n) => student(s, n)?.state === 'ready'));
    expect(await signups()).toBe(before + 3); // the orphan, and one signup each by the lab
    const routeCalls = (await world.journal()).filter((e) => e.kind === 'cli' && (e.argv as string[]).join(' ').startsWith('create route edge late2-admin'));
    expect(routeCalls.map((e) => e.exit)).toEqual([1, 0]);
    expect(status.warnings.join('\n')).toContain(`late3: tenant ${orphanId} of late3 had lost its credentials`);
    expect((await call(`https://master.${domain}/master/api/providers/${orphanId}.xml`, masterToken)).status).toBe(404);
    const creds = await credentials(h.client, id);
    // (The replaced tenant's subdomain stays taken by the deleted one: late3's portal is wherever its outputs say.)
    for (const n of ['late2', 'late3']) expect((await call(`${student(status, n).outputs.adminUrl}/admin/api/services.json`, creds[n].accessToken)).status).toBe(200);
  }, 120_000);

  it('moves the deadline with lab extend', async () => {
    const before = await labStatus(h.client, id);
    const res = await labCli(['extend', NAME, '--by', '90m'], h.taskQueue, world);
    expect(res.code).toBe(0);
    const after = await labStatus(h.client, id);
    expect(Date.parse(after.deadline) - Date.parse(before.deadline)).toBe(90 * 60_000);
    expect(res.stdout).toContain(after.deadline);
  });

  it('tears every tenant and the shared project down with lab down, and tells the webhook without secrets', async () => {
    const creds = await credentials(h.client, id);
    const res = await labCli(['down', NAME], h.taskQueue, world);
    expect(res.code).toBe(0);
    const status = await labStatus(h.client, id);
    expect(status).toMatchObject({ state: 'torn-down', teardownReason: 'down', shared: { state: 'torn-down' } });
    expect(status.students.every((s) => s.state === 'removed')).toBe(true);
    const project = await execa('oc', ['get', 'project', `${NAME}-3scale`], { env: world.env, reject: false });
    expect(project.stderr).toContain('NotFound');
    const events = [...receiver.events.values()].map((e) => e.event);
    expect(events.filter((e) => e === 'lab-ready')).toHaveLength(1);
    expect(events.filter((e) => e === 'lab-torn-down')).toHaveLength(1);
    const bodies = receiver.requests.map((r) => r.body).join('\n');
    for (const c of Object.values(creds)) for (const secret of [c.adminPassword, c.accessToken, c.gatewayUserKey]) expect(bodies).not.toContain(secret);
  }, 120_000);
});
