import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import type { Harness } from './helpers/router-harness.js';
import { basic, form, startHarness } from './helpers/router-harness.js';
import { parseXml } from './helpers/smoke-flow.js';
import { createEdgeRoute, installTemplate } from './helpers/template-cluster.js';

const DOMAIN = '127.50.60.70.nip.io';
const MASTER_TOKEN = 'mast3rtk';

describe('simulated 3scale 2.4 master API (tenants for labs)', () => {
  let h: Harness;
  let master: string;

  const signup = (fields: Record<string, string>) => {
    const f = form({ access_token: MASTER_TOKEN, ...fields });
    return h.call({ host: master, path: '/master/api/providers.xml', method: 'POST', body: f.body, headers: f.headers });
  };

  beforeAll(async () => {
    h = await startHarness();
    const install = installTemplate(h.state, '3scale', { WILDCARD_DOMAIN: DOMAIN, ADMIN_ACCESS_TOKEN: 'tenant3scaletok0', MASTER_ACCESS_TOKEN: MASTER_TOKEN });
    master = install.host('system-master');
  });
  afterAll(async () => h.close());

  it('creates a tenant with a pending admin, activates it, and serves its admin portal once a route for its domain exists', async () => {
    const res = await signup({ org_name: 'user1', username: 'user1', email: 'user1@example.com', password: 'lab-pass-1' });
    expect(res.status).toBe(201);
    const doc = parseXml(res.body).signup;
    const accountId = Number(doc.account.id);
    const pending = doc.account.users.user.find((u: { state: string }) => u.state === 'pending');
    const token = String(doc.access_token.value);
    expect(doc.account.admin_domain).toBe(`user1-admin.${DOMAIN}`);
    expect(token).toMatch(/^[0-9a-f]{64}$/);

    const activate = await h.call({ host: master, path: `/admin/api/accounts/${accountId}/users/${pending.id}/activate.xml`, method: 'PUT', headers: basic(MASTER_TOKEN) });
    expect(activate.status).toBe(200);
    expect(parseXml(activate.body).user[0].state).toBe('active');
    const twice = await h.call({ host: master, path: `/admin/api/accounts/${accountId}/users/${pending.id}/activate.xml`, method: 'PUT', headers: basic(MASTER_TOKEN) });
    expect(twice.status).toBe(422);

    const adminHost = `user1-admin.${DOMAIN}`;
    expect((await h.call({ host: adminHost, path: '/admin/api/services.json', headers: basic(token) })).status).toBe(503);
    createEdgeRoute(h.state, '3scale', 'system-provider-user1', 'system-provider', adminHost);
    const services = await h.call({ host: adminHost, path: '/admin/api/services.json', headers: basic(token) });
    expect(services.status).toBe(200);
    expect(JSON.parse(services.body).services.map((s: { service: { system_name: string } }) => s.service.system_name)).toEqual(['api']);
    // A tenant's token is only good on its own admin domain.
    expect((await h.call({ host: install3scaleAdmin(), path: '/admin/api/services.json', headers: basic(token) })).status).toBe(403);

    const shown = await h.call({ host: master, path: `/master/api/providers/${accountId}.xml`, headers: basic(MASTER_TOKEN) });
    expect(parseXml(shown.body).account.admin_domain).toBe(adminHost);
  });

  it('is not idempotent: the same signup again creates another tenant', async () => {
    const fields = { org_name: 'twin', username: 'twin', email: 'twin@example.com', password: 'pw-twin' };
    const a = parseXml((await signup(fields)).body).signup.account;
    const b = parseXml((await signup(fields)).body).signup.account;
    expect(b.id).not.toBe(a.id);
    expect(b.admin_domain).not.toBe(a.admin_domain);
  });

  it('answers 401 "unauthorized" for a wrong master token', async () => {
    const res = await h.call({ host: master, path: '/master/api/providers/2.xml', headers: basic('not-the-master-token') });
    expect([res.status, res.body]).toEqual([401, 'unauthorized']);
  });

  it('schedules a deleted tenant for deletion: its admin portal stops answering', async () => {
    const made = parseXml((await signup({ org_name: 'gone', username: 'gone', email: 'gone@example.com', password: 'pw-gone' })).body).signup;
    const adminHost = `gone-admin.${DOMAIN}`;
    createEdgeRoute(h.state, '3scale', 'system-provider-gone', 'system-provider', adminHost);
    const token = String(made.access_token.value);
    expect((await h.call({ host: adminHost, path: '/admin/api/services.json', headers: basic(token) })).status).toBe(200);
    const del = await h.call({ host: master, path: `/master/api/providers/${made.account.id}.xml`, method: 'DELETE', headers: basic(MASTER_TOKEN) });
    expect(del.status).toBe(200);
    expect((await h.call({ host: adminHost, path: '/admin/api/services.json', headers: basic(token) })).status).toBe(404);
  });

  function install3scaleAdmin(): string {
    return `3scale-admin.${DOMAIN}`;
  }
});
