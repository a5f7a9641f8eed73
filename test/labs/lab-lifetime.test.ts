import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execa } from 'execa';

import type { HttpClient } from '../../src/activities/lib/http-client.js';
import type { LabStatus, StudentCredentials } from '../../src/shared/lab-status.js';
import { startReceiver, type Receiver } from '../activities/notify/fixtures/receiver.js';
import { startHarness, type Harness } from '../helpers/install-harness.js';
import { simWorld } from '../helpers/sim.js';
import { credentials, labSpec, labStatus, routerClient, startLab, vmAddress, waitForLab } from './helpers.js';

const world = simWorld({ speed: 200, extraEnv: { TEST_REGISTRY_USER: 'demo-user', TEST_REGISTRY_PASSWORD: 'Reg1stry-Pa55' } });
const PROFILE = 'lab-lifetime';
const NAME = 'ttl-lab';
let h: Harness;
let receiver: Receiver;
let http: HttpClient;
let id: string;
let domain: string;
let first: LabStatus;
let firstRunId: string;
let creds: Record<string, StudentCredentials>;

const call = (url: string, token?: string) =>
  http.send({ method: 'GET', url, headers: token ? { authorization: `Basic ${Buffer.from(`:${token}`).toString('base64')}` } : {} });

beforeAll(async () => {
  h = await startHarness(world);
  receiver = await startReceiver();
  http = routerClient(world, PROFILE);
  domain = `${vmAddress(world, PROFILE)}.nip.io`;
  // A short TTL, and a history threshold low enough that the lab continues as new several times on its way.
  id = await startLab(h, labSpec(NAME, 'tenants', PROFILE, { students: ['ann', 'bob'], ttl: '75s', continueAsNewAfter: 50, notifications: { webhook: receiver.url } }));
  first = await labStatus(h.client, id);
  firstRunId = (await h.client.workflow.getHandle(id).describe()).runId;
});
afterAll(async () => {
  await h?.client.workflow.getHandle(id).terminate().catch(() => undefined);
  await http?.close();
  await receiver?.close();
  await h?.stop();
  await world.reset();
});

describe('lab lifetime: continue-as-new and the TTL', () => {
  it('continues as new and keeps its students, deadline and credentials', async () => {
    const ready = await waitForLab(h.client, id, (s) => s.state === 'ready' && s.continuedAsNew > 0, 70_000);
    expect(ready.deadline).toBe(first.deadline);
    expect(ready.startedAt).toBe(first.startedAt);
    expect(ready.students.map((s) => [s.name, s.state, s.runs])).toEqual([['ann', 'ready', 1], ['bob', 'ready', 1]]);
    expect((await h.client.workflow.getHandle(id).describe()).runId).not.toBe(firstRunId);
    creds = await credentials(h.client, id);
    // The carried credentials are the tenants' real ones: the token opens its admin API, the key its gateway.
    for (const s of ready.students) {
      const c = creds[s.name];
      expect((await call(`${s.outputs.adminUrl}/admin/api/services.json`, c.accessToken)).status).toBe(200);
      expect((await call(`${s.outputs.gatewayUrl}/hi?user_key=${c.gatewayUserKey}`)).status).toBe(200);
    }
  }, 90_000);

  it('tears every tenant and the shared project down when its TTL runs out, and tells the webhook once', async () => {
    const handle = h.client.workflow.getHandle(id);
    const final = (await handle.result()) as LabStatus;
    expect(final).toMatchObject({ state: 'torn-down', teardownReason: 'ttl', shared: { state: 'torn-down' } });
    expect(Date.parse(final.endedAt!)).toBeGreaterThanOrEqual(Date.parse(first.deadline));
    expect(final.students.map((s) => s.state)).toEqual(['removed', 'removed']);
    expect(final.summary).toContain('TTL reached');
    const project = await execa('oc', ['get', 'project', `${NAME}-3scale`], { env: world.env, reject: false });
    expect(project.stderr).toContain('NotFound');
    expect((await call(`https://ann-admin.${domain}/admin/api/services.json`, creds.ann.accessToken)).status).toBe(503);
    const events = [...receiver.events.values()];
    expect(events.map((e) => e.event).sort()).toEqual(['lab-ready', 'lab-torn-down']);
    expect(events.find((e) => e.event === 'lab-torn-down')).toMatchObject({ lab: NAME, state: 'torn-down', outputs: { students: { ann: { state: 'removed' }, bob: { state: 'removed' } } } });
    const bodies = receiver.requests.map((r) => r.body).join('\n');
    for (const c of Object.values(creds)) for (const secret of [c.adminPassword, c.accessToken, c.gatewayUserKey]) expect(bodies).not.toContain(secret);
  }, 90_000);
});
