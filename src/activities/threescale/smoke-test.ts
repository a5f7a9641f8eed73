import { randomBytes } from 'node:crypto';

import { log } from '@temporalio/activity';

import type { ActivityDeps } from '../deps.js';
import { currentContext, reportProgress } from '../lib/heartbeat.js';
import { HttpClient, type RouterAddress } from '../lib/http-client.js';
import { cliFailure, runCli } from '../lib/run-cli.js';
import { stepActivity } from '../lib/step-activity.js';
import { listObjects } from '../template/cluster-objects.js';
import { AdminApi, itemOf, listOf } from './admin-api.js';
import { echoes, expectGateway, rejectsBadKey, rejectsMissingKey } from './gateway-check.js';

export interface SmokeTestInput {
  project: string;
  wildcardDomain: string;
  tenant: string;
  adminHost: string;
  router: RouterAddress;
  serviceName: string;
  systemName: string;
  backend: string;
  production: boolean;
}

type Obj = Record<string, unknown>;

/** Reads one key of a secret from the cluster (registered with the redactor at once). */
async function secretValue(deps: ActivityDeps, project: string, secret: string, key: string): Promise<string> {
  const res = await runCli(deps, { cli: 'oc', args: ['get', 'secret', secret, '-n', project, '-o', `jsonpath={.data.${key}}`], timeoutMs: 60_000 });
  if (res.exitCode !== 0) throw cliFailure(deps, res, `reading ${key} from secret ${secret} failed`);
  const value = Buffer.from(res.stdout.trim(), 'base64').toString('utf8');
  deps.redactor.add(value, `${secret}.${key}`);
  return value;
}

/** Finds the Echo service by system_name or creates it; the same for its mapping rule, plan and application. */
async function ensureService(api: AdminApi, input: SmokeTestInput): Promise<{ service: Obj; app: Obj; account: Obj }> {
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

/** Creates the edge route for a gateway host unless some route already serves it (WILDCARD_POLICY=None). */
async function ensureRoute(deps: ActivityDeps, project: string, name: string, service: string, host: string): Promise<void> {
  const routes = await listObjects(deps, project, 'routes');
  if (routes.some((r) => (r.spec as { host?: string } | undefined)?.host === host)) return;
  const res = await runCli(deps, {
    cli: 'oc',
    args: ['create', 'route', 'edge', name, `--service=${service}`, `--hostname=${host}`, '--port=gateway', '--insecure-policy=Allow', '-n', project],
    timeoutMs: 60_000,
  });
  if (res.exitCode !== 0 && !/\(AlreadyExists\)/.test(res.stderr)) throw cliFailure(deps, res, `oc create route edge ${name} failed`);
}

/**
 * The Echo API smoke test of 3scale 2.4 (peers.md §3, §6.4): with the admin access token from secret system-seed,
 * finds or creates the service, mapping rule, plan and application; deploys the proxy config to staging (in 2.4
 * the PATCH of proxy.json is the deploy); creates the staging route when missing; then calls the staging gateway
 * with no key, a bad key and the application's key. Returns URLs and where secrets live, never their values.
 */
export function createSmokeTest(deps: ActivityDeps, pollMs: number) {
  return stepActivity(async (input: SmokeTestInput) => {
    const ctx = currentContext();
    const deadline = Date.now() + (ctx ? ctx.info.startToCloseTimeoutMs - 20_000 : 10 * 60_000);
    const token = await secretValue(deps, input.project, 'system-seed', 'ADMIN_ACCESS_TOKEN');
    const http = new HttpClient(deps.redactor, input.router);
    try {
      const api = new AdminApi(http, `https://${input.adminHost}`, token);
      reportProgress({ phase: 'admin API' });
      const { service, app, account } = await ensureService(api, input);
      const userKey = String(app.user_key);
      deps.redactor.add(userKey, 'application user_key');
      const sid = String(service.id);
      // Deploy to staging last, so mapping-rule and plan changes are in the new sandbox config.
      const proxy = itemOf(await api.patch(`/admin/api/services/${sid}/proxy.json`, { api_backend: input.backend }), ['proxy']);
      const stagingHost = new URL(String(proxy.sandbox_endpoint)).hostname;
      await ensureRoute(deps, input.project, `${input.systemName}-staging`, 'apicast-staging', stagingHost);
      reportProgress({ phase: 'gateway', host: stagingHost });
      const base = `https://${stagingHost}`;
      await expectGateway(http, `${base}/smoke`, rejectsMissingKey, 'staging gateway without a key', deadline, pollMs);
      await expectGateway(http, `${base}/smoke?user_key=invalid-${randomBytes(6).toString('hex')}`, rejectsBadKey, 'staging gateway with a bad key', deadline, pollMs);
      await expectGateway(http, `${base}/smoke?user_key=${encodeURIComponent(userKey)}`, echoes('/smoke'), 'staging gateway with the application key', deadline, pollMs);
      let productionUrl: string | undefined;
      if (input.production) productionUrl = await promoteAndCall(deps, api, http, input, sid, userKey, deadline, pollMs);
      log.info('Smoke test passed', { service: input.systemName, staging: stagingHost });
      return {
        output: {
          serviceId: service.id,
          applicationId: app.id,
          stagingGateway: base,
          checks: ['no key rejected', 'bad key rejected', 'application key echoed'],
          publish: {
            stagingGateway: base,
            ...(productionUrl ? { productionGateway: productionUrl } : {}),
            smokeTestService: `${input.serviceName} (id ${String(service.id)}, system_name ${input.systemName})`,
            smokeTestUserKey: `user_key of application ${String(app.id)} (account ${String(account.org_name ?? account.id)}): admin portal → Applications`,
          },
        },
      };
    } finally {
      await http.close();
    }
  });
}

/** Promotes the staging config to production (unless already there) and calls the production gateway. */
async function promoteAndCall(deps: ActivityDeps, api: AdminApi, http: HttpClient, input: SmokeTestInput, sid: string, userKey: string, deadline: number, pollMs: number): Promise<string> {
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
  await ensureRoute(deps, input.project, `${input.systemName}-production`, 'apicast-production', host);
  // Production loads configs at boot with a 300 s cache: poll until it serves the promoted version.
  await expectGateway(http, `https://${host}/smoke?user_key=${encodeURIComponent(userKey)}`, echoes('/smoke'), 'production gateway with the application key', deadline, pollMs);
  return `https://${host}`;
}
