/* eslint-disable @typescript-eslint/no-explicit-any -- untyped XML/JSON bodies of the API under test */
import { XMLParser } from 'fast-xml-parser';

import type { Harness } from './router-harness.js';
import { basic, form } from './router-harness.js';

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (name) => ['service', 'metric', 'mapping_rule', 'plan', 'application', 'user'].includes(name) });

/** Parses an XML body. */
export function parseXml(body: string): Record<string, any> {
  return xml.parse(body) as Record<string, any>;
}

/** What the smoke flow found or created. */
export interface SmokeIds {
  accountId: number;
  serviceId: number;
  hitsId: number;
  planId: number;
  userKey: string;
  sandboxVersion: number;
  sandboxHost: string;
  created: string[];
}

/**
 * The installer's smoke test against the admin API, in its idempotent find-or-create form
 * (peers.md §3.3): every step looks before it creates, and PATCH proxy (the 2.4 deploy) comes last.
 */
export async function runSmokeFlow(h: Harness, adminHost: string, token: string): Promise<SmokeIds> {
  const auth = basic(token);
  const created: string[] = [];
  const get = async (path: string) => {
    const res = await h.call({ host: adminHost, path, headers: auth });
    return { ...res, xml: res.body.startsWith('<?xml') ? parseXml(res.body) : undefined };
  };
  const post = async (path: string, fields: Record<string, string | number>, method = 'POST') => {
    const f = form(fields);
    const res = await h.call({ host: adminHost, path, method, body: f.body, headers: { ...auth, ...f.headers } });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.body}`);
    return parseXml(res.body);
  };

  const account = await get('/admin/api/accounts/find.xml?username=smoke');
  let accountId: number;
  if (account.status === 404) {
    const made = await post('/admin/api/signup.xml', { org_name: 'Smoke Tests', username: 'smoke', email: 'smoke@example.com', password: 'pw-123456' });
    accountId = Number(made.account.id);
    created.push('account');
  } else accountId = Number(account.xml?.account.id);

  const services = (await get('/admin/api/services.xml')).xml?.services?.service ?? [];
  let service = services.find((s: any) => s.system_name === 'echo_api');
  if (!service) {
    service = (await post('/admin/api/services.xml', { name: 'Echo API', system_name: 'echo_api' })).service[0];
    created.push('service');
  }
  const serviceId = Number(service.id);

  const metrics = (await get(`/admin/api/services/${serviceId}/metrics.xml`)).xml?.metrics.metric;
  const hitsId = Number(metrics.find((m: any) => m.system_name === 'hits').id);

  const rules = (await get(`/admin/api/services/${serviceId}/proxy/mapping_rules.xml`)).xml?.mapping_rules?.mapping_rule ?? [];
  if (!rules.some((r: any) => r.http_method === 'GET' && r.pattern === '/echo')) {
    await post(`/admin/api/services/${serviceId}/proxy/mapping_rules.xml`, { http_method: 'GET', pattern: '/echo', delta: 1, metric_id: hitsId });
    created.push('mapping_rule');
  }

  const plans = (await get(`/admin/api/services/${serviceId}/application_plans.xml`)).xml?.plans?.plan ?? [];
  let plan = plans.find((p: any) => p.system_name === 'smoke');
  if (!plan) {
    plan = (await post(`/admin/api/services/${serviceId}/application_plans.xml`, { name: 'Smoke', system_name: 'smoke', state_event: 'publish' })).plan[0];
    created.push('plan');
  }
  const planId = Number(plan.id);

  const apps = (await get(`/admin/api/accounts/${accountId}/applications.xml`)).xml?.applications?.application ?? [];
  let app = apps.find((a: any) => Number(a.service_id) === serviceId);
  if (!app) {
    app = (await post(`/admin/api/accounts/${accountId}/applications.xml`, { plan_id: planId, name: 'Smoke App', description: 'amp-installer smoke test' })).application[0];
    created.push('application');
  }

  const proxy = await post(`/admin/api/services/${serviceId}/proxy.xml`, { api_backend: 'https://echo-api.3scale.net:443' }, 'PATCH');
  const latest = await h.call({ host: adminHost, path: `/admin/api/services/${serviceId}/proxy/configs/sandbox/latest.json`, headers: auth });
  if (latest.status !== 200) throw new Error(`latest sandbox config: ${latest.status}`);
  return {
    accountId,
    serviceId,
    hitsId,
    planId,
    userKey: String(app.user_key),
    sandboxVersion: JSON.parse(latest.body).proxy_config.version,
    sandboxHost: new URL(String(proxy.proxy.sandbox_endpoint)).hostname,
    created,
  };
}
