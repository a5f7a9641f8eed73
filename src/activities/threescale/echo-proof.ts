import { randomBytes } from 'node:crypto';

import type { ActivityDeps } from '../deps.js';
import { reportProgress } from '../lib/heartbeat.js';
import type { HttpClient } from '../lib/http-client.js';
import { itemOf, listOf, type AdminApi } from './admin-api.js';
import { echoes, expectGateway, rejectsBadKey, rejectsMissingKey } from './gateway-check.js';
import { ensureRoute } from './routes.js';

type Obj = Record<string, unknown>;

/** What to prove: an Echo API service of one tenant, behind a staging route of the install's project. */
export interface EchoProofInput {
  /** The project whose apicast-staging (and -production) Services the routes point at. */
  project: string;
  serviceName: string;
  systemName: string;
  backend: string;
  /** Also promote to production and call the production gateway. */
  production: boolean;
  /** Prefix of the route names (`<prefix>-staging`, `<prefix>-production`). @default systemName */
  routePrefix?: string;
  /** Keys of other tenants' applications: the tenant's gateway must refuse each with 403. */
  foreignKeys?: string[];
  /** When gateway answers must be right (ms since the epoch) and how often to poll until then. */
  deadline: number;
  pollMs: number;
  /** Heartbeats progress (callers whose heartbeats carry more than the phase wrap it). @default reportProgress */
  onProgress?: (details: Record<string, unknown>) => void;
}

/** The proven service: ids, URLs and the application's key (a secret: registered with the redactor). */
export interface EchoProof {
  service: Obj;
  app: Obj;
  account: Obj;
  userKey: string;
  stagingGateway: string;
  productionGateway?: string;
  checks: string[];
}

/** Finds the Echo service by system_name or creates it; the same for its mapping rule, plan and application. */
async function ensureService(api: AdminApi, input: EchoProofInput): Promise<{ service: Obj; app: Obj; account: Obj }> {
  const services = listOf(await api.get('/admin/api/services.json'), ['services'], ['service']);
  const service =
    services.find((s) => s.system_name === input.systemName) ??
    itemOf(await api.post('/admin/api/services.json', { name: input.serviceName, system_name: input.systemName }), ['service']);
  const sid = String(service.id);
  const metrics = listOf(await api.get(`/admin/api/services/${sid}/metrics.json`), ['metrics'], ['metric']);
  const hits = metrics.find((m) => m.system_name === 'hits');
  const rules = listOf(await api.get(`/admin/api/services/${sid}/proxy/mapping_rules.json`), ['mapping_rules'], ['mapping_rule']);
  if (!rules.some((r) => r.http_method === 'GET' && r.pattern === '/') && hits) {
    await api.post(`/admin/api/services/${sid}/proxy/mapping_rules.json`, { http_method: 'GET', pattern: '/', delta: '1', metric_id: String(hits.id) });
  }
  const plans = listOf(await api.get(`/admin/api/services/${sid}/application_plans.json`), ['plans', 'application_plans'], ['application_plan', 'plan']);
  const plan =
    plans.find((p) => p.system_name === 'smoke-test') ??
    itemOf(await api.post(`/admin/api/services/${sid}/application_plans.json`, { name: 'Smoke test', system_name: 'smoke-test', state_event: 'publish' }), ['application_plan', 'plan']);
  const account = itemOf(await api.get('/admin/api/accounts/find.json?username=john'), ['account']);
  const apps = listOf(await api.get(`/admin/api/accounts/${String(account.id)}/applications.json`), ['applications'], ['application']);
  const app =
    apps.find((a) => String(a.plan_id ?? (a.plan as Obj | undefined)?.id) === String(plan.id)) ??
    itemOf(
      await api.post(`/admin/api/accounts/${String(account.id)}/applications.json`, { plan_id: String(plan.id), name: 'amp-installer smoke test', description: 'Echo API smoke test' }),
      ['application'],
    );
  return { service, app, account };
}

/**
 * The Echo API proof of 3scale 2.4 (peers.md §3, §6.4), shared by the install's smoke test and a lab's tenants:
 * finds or creates the service, mapping rule, plan and application; deploys the proxy config to staging (in 2.4 the
 * PATCH of proxy.json is the deploy); creates the staging route when missing; then calls the staging gateway with no
 * key, a bad key, other tenants' keys and the application's key. Idempotent: every object is looked up first.
 */
export async function proveEchoApi(deps: ActivityDeps, api: AdminApi, http: HttpClient, input: EchoProofInput): Promise<EchoProof> {
  const { deadline, pollMs } = input;
  const progress = input.onProgress ?? reportProgress;
  progress({ phase: 'admin API' });
  const { service, app, account } = await ensureService(api, input);
  const userKey = String(app.user_key);
  deps.redactor.add(userKey, 'application user_key');
  const sid = String(service.id);
  const prefix = input.routePrefix ?? input.systemName;
  // Deploy to staging last, so mapping-rule and plan changes are in the new sandbox config.
  const proxy = itemOf(await api.patch(`/admin/api/services/${sid}/proxy.json`, { api_backend: input.backend }), ['proxy']);
  const stagingHost = new URL(String(proxy.sandbox_endpoint)).hostname;
  await ensureRoute(deps, input.project, { name: `${prefix}-staging`, service: 'apicast-staging', port: 'gateway', host: stagingHost });
  progress({ phase: 'gateway', host: stagingHost });
  const base = `https://${stagingHost}`;
  const checks = ['no key rejected', 'bad key rejected'];
  await expectGateway(http, `${base}/smoke`, rejectsMissingKey, 'staging gateway without a key', deadline, pollMs);
  await expectGateway(http, `${base}/smoke?user_key=invalid-${randomBytes(6).toString('hex')}`, rejectsBadKey, 'staging gateway with a bad key', deadline, pollMs);
  for (const key of input.foreignKeys ?? []) {
    await expectGateway(http, `${base}/smoke?user_key=${encodeURIComponent(key)}`, rejectsBadKey, "staging gateway with another tenant's key", deadline, pollMs);
  }
  if (input.foreignKeys?.length) checks.push("another tenant's key rejected");
  await expectGateway(http, `${base}/smoke?user_key=${encodeURIComponent(userKey)}`, echoes('/smoke'), 'staging gateway with the application key', deadline, pollMs);
  checks.push('application key echoed');
  const productionGateway = input.production ? await promoteAndCall(deps, api, http, input, sid, userKey) : undefined;
  return { service, app, account, userKey, stagingGateway: base, productionGateway, checks };
}

/** Promotes the staging config to production (unless already there) and calls the production gateway. */
async function promoteAndCall(deps: ActivityDeps, api: AdminApi, http: HttpClient, input: EchoProofInput, sid: string, userKey: string): Promise<string> {
  const sandbox = itemOf(await api.get(`/admin/api/services/${sid}/proxy/configs/sandbox/latest.json`), ['proxy_config']);
  let productionVersion: unknown;
  try {
    productionVersion = itemOf(await api.get(`/admin/api/services/${sid}/proxy/configs/production/latest.json`), ['proxy_config']).version;
  } catch {
    productionVersion = undefined; // nothing promoted yet (404)
  }
  // Re-promoting the same version fails in 2.4: promote only when production is behind.
  if (productionVersion !== sandbox.version) {
    await api.post(`/admin/api/services/${sid}/proxy/configs/sandbox/${String(sandbox.version)}/promote.json?to=production`, {});
  }
  const proxy = itemOf(await api.get(`/admin/api/services/${sid}/proxy.json`), ['proxy']);
  const host = new URL(String(proxy.endpoint)).hostname;
  await ensureRoute(deps, input.project, { name: `${input.routePrefix ?? input.systemName}-production`, service: 'apicast-production', port: 'gateway', host });
  // Production loads configs at boot with a 300 s cache: poll until it serves the promoted version.
  await expectGateway(http, `https://${host}/smoke?user_key=${encodeURIComponent(userKey)}`, echoes('/smoke'), 'production gateway with the application key', input.deadline, input.pollMs);
  return `https://${host}`;
}
