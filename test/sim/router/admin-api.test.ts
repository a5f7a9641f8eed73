/* eslint-disable @typescript-eslint/no-explicit-any -- untyped XML/JSON bodies of the API under test */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import type { Harness } from './helpers/router-harness.js';
import { basic, form, startHarness } from './helpers/router-harness.js';
import { parseXml, runSmokeFlow } from './helpers/smoke-flow.js';
import type { FakeInstall } from './helpers/template-cluster.js';
import { createEdgeRoute, installTemplate, TEMPLATE_2_4 } from './helpers/template-cluster.js';

const DOMAIN = '127.9.8.7.nip.io';
const ADMIN_TOKEN = 'a1b2c3d4e5f60718';

describe('simulated 3scale 2.4 Account Management API', () => {
  let h: Harness;
  let install: FakeInstall;
  let admin: string;

  beforeAll(async () => {
    h = await startHarness();
    install = installTemplate(h.state, '3scale', { WILDCARD_DOMAIN: DOMAIN, ADMIN_ACCESS_TOKEN: ADMIN_TOKEN, MASTER_ACCESS_TOKEN: 'm4st3r00' });
    admin = install.host('system-provider-admin');
  });
  afterAll(async () => h.close());

  it('is seeded like 2.4 openshift:deploy: service "API" (api), plans Basic (default) and Unlimited, developer john with an app', async () => {
    const services = parseXml((await h.call({ host: admin, path: '/admin/api/services.xml', headers: basic(ADMIN_TOKEN) })).body);
    expect(services.services.service.map((s: any) => [s.name, s.system_name])).toEqual([['API', 'api']]);
    const api = services.services.service[0];
    const plans = parseXml((await h.call({ host: admin, path: `/admin/api/services/${api.id}/application_plans.xml`, headers: basic(ADMIN_TOKEN) })).body);
    expect(plans.plans.plan.map((p: any) => [p.name, p['@_default']])).toEqual([['Basic', 'true'], ['Unlimited', 'false']]);
    const john = await h.call({ host: admin, path: '/admin/api/accounts/find.json?username=john', headers: basic(ADMIN_TOKEN) });
    expect(JSON.parse(john.body).account.org_name).toBe('Developer');
    const apps = JSON.parse((await h.call({ host: admin, path: `/admin/api/accounts/${JSON.parse(john.body).account.id}/applications.json`, headers: basic(ADMIN_TOKEN) })).body);
    expect(apps.applications[0].application.user_key).toMatch(/^[0-9a-f]{32}$/);
    const proxy = parseXml((await h.call({ host: admin, path: `/admin/api/services/${api.id}/proxy.xml`, headers: basic(ADMIN_TOKEN) })).body).proxy;
    expect(proxy.sandbox_endpoint).toBe(`https://${install.host('api-apicast-staging')}:443`);
    expect(proxy.api_backend).toBe('https://echo-api.3scale.net:443');
  });

  it('runs the smoke test find-or-create flow, and a second run creates nothing new', async () => {
    const first = await runSmokeFlow(h, admin, ADMIN_TOKEN);
    expect(first.created).toEqual(['account', 'service', 'mapping_rule', 'plan', 'application']);
    expect(first.sandboxVersion).toBe(1);
    expect(first.sandboxHost).toBe(`echo-api-3scale-apicast-staging.${DOMAIN}`);
    const second = await runSmokeFlow(h, admin, ADMIN_TOKEN);
    expect(second.created).toEqual([]);
    expect(second).toMatchObject({ accountId: first.accountId, serviceId: first.serviceId, userKey: first.userKey, sandboxVersion: first.sandboxVersion });
  });

  it('gives a new service the 2.4 defaults: hits metric, GET / mapping rule, echo backend and a secret token', async () => {
    const f = form({ name: 'Defaults Check' });
    const made = JSON.parse((await h.call({ host: admin, path: '/admin/api/services.json', method: 'POST', body: f.body, headers: { ...basic(ADMIN_TOKEN), ...f.headers } })).body);
    expect(made.service.system_name).toBe('defaults_check');
    const id = made.service.id;
    const rules = JSON.parse((await h.call({ host: admin, path: `/admin/api/services/${id}/proxy/mapping_rules.json`, headers: basic(ADMIN_TOKEN) })).body);
    const metrics = JSON.parse((await h.call({ host: admin, path: `/admin/api/services/${id}/metrics.json`, headers: basic(ADMIN_TOKEN) })).body);
    expect(metrics.metrics.map((m: any) => m.metric.system_name)).toEqual(['hits']);
    expect(rules.mapping_rules.map((r: any) => [r.mapping_rule.http_method, r.mapping_rule.pattern, r.mapping_rule.delta, r.mapping_rule.metric_id])).toEqual([
      ['GET', '/', 1, metrics.metrics[0].metric.id],
    ]);
    const proxy = JSON.parse((await h.call({ host: admin, path: `/admin/api/services/${id}/proxy.json`, headers: basic(ADMIN_TOKEN) })).body).proxy;
    expect(proxy.secret_token).toMatch(/^Shared_secret_sent_from_proxy_to_API_backend_[0-9a-f]{16}$/);
    expect(proxy.sandbox_endpoint).toBe(`https://defaults-check-3scale-apicast-staging.${DOMAIN}:443`);
    expect(proxy.endpoint).toBe(`https://defaults-check-3scale-apicast-production.${DOMAIN}:443`);
  });

  it('answers 403 with the 2.4 body for a missing or wrong access token, in XML and JSON', async () => {
    const noToken = await h.call({ host: admin, path: '/admin/api/services.xml' });
    expect(noToken.status).toBe(403);
    expect(parseXml(noToken.body).error).toBe('Access denied');
    const wrong = await h.call({ host: admin, path: '/admin/api/services.json?access_token=not-a-token' });
    expect(wrong.status).toBe(403);
    expect(JSON.parse(wrong.body)).toEqual({ error: 'Access denied' });
    const masterTokenOnTenant = await h.call({ host: admin, path: '/admin/api/services.json', headers: basic('m4st3r00') });
    expect(masterTokenOnTenant.status).toBe(403);
  });

  it('accepts the token as access_token in the query or form body as well as HTTP Basic', async () => {
    expect((await h.call({ host: admin, path: `/admin/api/services.json?access_token=${ADMIN_TOKEN}` })).status).toBe(200);
    const f = form({ access_token: ADMIN_TOKEN, name: 'Form Token' });
    expect((await h.call({ host: admin, path: '/admin/api/services.json', method: 'POST', body: f.body, headers: f.headers })).status).toBe(201);
  });

  it('answers 422 with the 2.4 error shapes for a duplicate system_name', async () => {
    const f = form({ name: 'Another', system_name: 'api' });
    const asXml = await h.call({ host: admin, path: '/admin/api/services.xml', method: 'POST', body: f.body, headers: { ...basic(ADMIN_TOKEN), ...f.headers } });
    expect(asXml.status).toBe(422);
    expect(asXml.body).toContain('<errors><error>System name has already been taken</error></errors>');
    const asJson = await h.call({ host: admin, path: '/admin/api/services.json', method: 'POST', body: f.body, headers: { ...basic(ADMIN_TOKEN), ...f.headers } });
    expect(asJson.status).toBe(422);
    expect(JSON.parse(asJson.body)).toEqual({ errors: { system_name: ['has already been taken'] } });
  });

  it('rejects deployment_option=self_managed as on-premises 2.x did', async () => {
    const f = form({ deployment_option: 'self_managed' });
    const res = await h.call({ host: admin, path: '/admin/api/services/2.json', method: 'PUT', body: f.body, headers: { ...basic(ADMIN_TOKEN), ...f.headers } });
    expect(res.status).toBe(422);
    expect(JSON.parse(res.body).errors.deployment_option).toEqual(['is not included in the list']);
  });

  it('serves proxy configs only as JSON and 404s a latest config that does not exist yet', async () => {
    const services = JSON.parse((await h.call({ host: admin, path: '/admin/api/services.json', headers: basic(ADMIN_TOKEN) })).body).services;
    const api = services.find((s: any) => s.service.system_name === 'api').service;
    expect((await h.call({ host: admin, path: `/admin/api/services/${api.id}/proxy/configs/sandbox/latest.xml`, headers: basic(ADMIN_TOKEN) })).status).toBe(406);
    expect((await h.call({ host: admin, path: `/admin/api/services/${api.id}/proxy/configs/production/latest.json`, headers: basic(ADMIN_TOKEN) })).status).toBe(404);
    expect((await h.call({ host: admin, path: `/admin/api/services/${api.id}/proxy/configs/alaska/latest.json`, headers: basic(ADMIN_TOKEN) })).status).toBe(400);
  });

  it('keeps one database per project uid: a recreated project starts from a fresh seed', async () => {
    const before = JSON.parse((await h.call({ host: admin, path: '/admin/api/services.json', headers: basic(ADMIN_TOKEN) })).body).services.length;
    expect(before).toBeGreaterThan(1);
    h.state.routes = h.state.routes.filter((r) => r.project !== '3scale');
    h.state.ready = [];
    const again = installTemplate(h.state, '3scale', { WILDCARD_DOMAIN: DOMAIN, ADMIN_ACCESS_TOKEN: ADMIN_TOKEN, MASTER_ACCESS_TOKEN: 'm4st3r00' });
    const after = JSON.parse((await h.call({ host: again.host('system-provider-admin'), path: '/admin/api/services.json', headers: basic(ADMIN_TOKEN) })).body).services;
    expect(after.map((s: any) => s.service.system_name)).toEqual(['api']);
  });
});

describe('simulated 3scale system seeded from the 2.12 template', () => {
  it('reads the 2.12 labels and system-seed layout (MASTER_ACCESS_TOKEN, ADMIN_EMAIL) once routes exist', async () => {
    const h = await startHarness();
    try {
      const domain = '127.21.22.23.nip.io';
      installTemplate(h.state, 'apim', { WILDCARD_DOMAIN: domain, ADMIN_ACCESS_TOKEN: 'tok212admin', MASTER_ACCESS_TOKEN: 'tok212mst', ADMIN_EMAIL: 'ops@example.com' }, { file: TEMPLATE_2_4.replace('-2.4.yml', '-2.12.yml') });
      // 2.12 creates only the backend route; zync would add the others.
      expect(h.state.routes.map((r) => r.name)).toEqual(['backend']);
      createEdgeRoute(h.state, 'apim', 'zync-admin', 'system-provider', `3scale-admin.${domain}`);
      createEdgeRoute(h.state, 'apim', 'zync-master', 'system-master', `master.${domain}`);
      const john = await h.call({ host: `3scale-admin.${domain}`, path: '/admin/api/accounts/find.json?email=ops%2Btest@example.com', headers: basic('tok212admin') });
      expect(JSON.parse(john.body).account.org_name).toBe('Developer');
      expect((await h.call({ host: `master.${domain}`, path: '/master/api/providers/2.json', headers: basic('tok212mst') })).status).toBe(200);
    } finally {
      await h.close();
    }
  });
});
