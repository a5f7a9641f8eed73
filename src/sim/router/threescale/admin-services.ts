import type { ApiCtx, ApiResult, ApiRoute } from './api-kit.js';
import { has, id, invalid, notFound, ok, okList, param, systemNameFrom } from './api-kit.js';
import { createMappingRule, createPlan, createService } from './factory.js';
import type { FieldError } from './format.js';
import type { Proxy, Service } from './model.js';
import { deploySandbox } from './proxy-config.js';
import { mappingRuleDoc, metricDoc, planDoc, proxyDoc, serviceDoc } from './representers.js';

const BACKEND_VERSIONS = ['1', '2', 'oauth', 'oidc'];
// On-premises 2.x accepted only the 3scale-managed gateway (threescale-cicd#30: self_managed "is not included in the list").
const DEPLOYMENT_OPTIONS = ['hosted'];
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];

/** The provider's service with that id, if it is theirs. */
export function findService(c: ApiCtx, serviceId: number): Service | undefined {
  return c.db.services.find((s) => s.id === serviceId && s.accountId === c.provider.id);
}

function listServices(c: ApiCtx): ApiResult {
  const services = c.db.services.filter((s) => s.accountId === c.provider.id);
  return okList(c, 'services', services.map((s) => serviceDoc(c.db, s)));
}

function validateServiceOptions(c: ApiCtx, errors: FieldError[]): void {
  if (has(c, 'backend_version') && !BACKEND_VERSIONS.includes(param(c, 'backend_version'))) {
    errors.push({ field: 'backend_version', message: 'is not included in the list' });
  }
  if (has(c, 'deployment_option') && !DEPLOYMENT_OPTIONS.includes(param(c, 'deployment_option'))) {
    errors.push({ field: 'deployment_option', message: 'is not included in the list' });
  }
}

function createServiceRoute(c: ApiCtx): ApiResult {
  const name = param(c, 'name');
  const systemName = param(c, 'system_name') || systemNameFrom(name);
  const errors: FieldError[] = [];
  if (!name) errors.push({ field: 'name', message: "can't be blank" });
  if (systemName && !/^[a-zA-Z0-9_-]+$/.test(systemName)) errors.push({ field: 'system_name', message: 'invalid. Only ASCII letters, numbers, dashes and underscores are allowed.' });
  if (systemName && c.db.services.some((s) => s.accountId === c.provider.id && s.systemName === systemName)) {
    errors.push({ field: 'system_name', message: 'has already been taken' });
  }
  validateServiceOptions(c, errors);
  if (errors.length > 0) return invalid(c, errors);
  const service = createService(c, c.provider.id, {
    name,
    systemName,
    description: param(c, 'description'),
    backendVersion: param(c, 'backend_version') || undefined,
    deploymentOption: param(c, 'deployment_option') || undefined,
  });
  return ok(c, serviceDoc(c.db, service), 201);
}

function updateService(c: ApiCtx, service: Service): ApiResult {
  const errors: FieldError[] = [];
  if (has(c, 'name') && !param(c, 'name')) errors.push({ field: 'name', message: "can't be blank" });
  validateServiceOptions(c, errors);
  if (errors.length > 0) return invalid(c, errors);
  const before = JSON.stringify(service);
  if (has(c, 'name')) service.name = param(c, 'name');
  if (has(c, 'description')) service.description = param(c, 'description');
  if (has(c, 'backend_version')) service.backendVersion = param(c, 'backend_version');
  if (has(c, 'deployment_option')) service.deploymentOption = param(c, 'deployment_option');
  if (JSON.stringify(service) !== before) service.updatedAt = c.now;
  return ok(c, serviceDoc(c.db, service));
}

function createRule(c: ApiCtx, service: Service): ApiResult {
  const errors: FieldError[] = [];
  const httpMethod = param(c, 'http_method').toUpperCase();
  const pattern = param(c, 'pattern');
  const delta = Number(param(c, 'delta'));
  const metricId = Number(param(c, 'metric_id'));
  if (!HTTP_METHODS.includes(httpMethod)) errors.push({ field: 'http_method', message: 'is not included in the list' });
  if (!pattern) errors.push({ field: 'pattern', message: "can't be blank" });
  else if (!pattern.startsWith('/')) errors.push({ field: 'pattern', message: "shouldn't be empty and must start with '/'" });
  if (!Number.isInteger(delta) || delta <= 0) errors.push({ field: 'delta', message: 'must be greater than 0' });
  if (!c.db.metrics.some((m) => m.id === metricId && m.serviceId === service.id)) errors.push({ field: 'metric', message: "can't be blank" });
  if (errors.length > 0) return invalid(c, errors);
  const rule = createMappingRule(c, service.id, { metricId, pattern, httpMethod, delta });
  return ok(c, mappingRuleDoc(rule), 201);
}

type ProxyField = { [K in keyof Proxy]: Proxy[K] extends string | number ? K : never }[keyof Proxy];
const PROXY_PARAMS: Record<string, ProxyField> = {
  endpoint: 'endpoint',
  sandbox_endpoint: 'sandboxEndpoint',
  api_backend: 'apiBackend',
  credentials_location: 'credentialsLocation',
  auth_app_key: 'authAppKey',
  auth_app_id: 'authAppId',
  auth_user_key: 'authUserKey',
  error_auth_failed: 'errorAuthFailed',
  error_auth_missing: 'errorAuthMissing',
  error_status_auth_failed: 'errorStatusAuthFailed',
  error_headers_auth_failed: 'errorHeadersAuthFailed',
  error_status_auth_missing: 'errorStatusAuthMissing',
  error_headers_auth_missing: 'errorHeadersAuthMissing',
  error_no_match: 'errorNoMatch',
  error_status_no_match: 'errorStatusNoMatch',
  error_headers_no_match: 'errorHeadersNoMatch',
  secret_token: 'secretToken',
  hostname_rewrite: 'hostnameRewrite',
  api_test_path: 'apiTestPath',
};
const URL_FIELDS = ['endpoint', 'sandbox_endpoint', 'api_backend'];

function validUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** `PATCH proxy`: updates the proxy, then deploys to staging (2.4 has no separate deploy endpoint). */
function updateProxy(c: ApiCtx, service: Service): ApiResult {
  const errors: FieldError[] = [];
  for (const field of URL_FIELDS) {
    if (has(c, field) && param(c, field) && !validUrl(param(c, field))) errors.push({ field, message: 'must be a valid URL' });
  }
  if (has(c, 'credentials_location') && !['headers', 'query', 'authorization'].includes(param(c, 'credentials_location'))) {
    errors.push({ field: 'credentials_location', message: 'is not included in the list' });
  }
  for (const field of ['error_status_auth_failed', 'error_status_auth_missing', 'error_status_no_match']) {
    if (has(c, field) && !/^\d{3}$/.test(param(c, field))) errors.push({ field, message: 'is not a number' });
  }
  if (errors.length > 0) return invalid(c, errors);
  const proxy = service.proxy as unknown as Record<string, string | number>;
  let changed = false;
  for (const [name, key] of Object.entries(PROXY_PARAMS)) {
    if (!has(c, name)) continue;
    const value = typeof proxy[key] === 'number' ? Number(param(c, name)) : param(c, name);
    if (proxy[key] !== value) {
      proxy[key] = value;
      changed = true;
    }
  }
  if (changed) {
    service.proxy.lockVersion += 1;
    service.proxy.updatedAt = c.now;
  }
  deploySandbox(c, service);
  return ok(c, proxyDoc(service));
}

function createPlanRoute(c: ApiCtx, service: Service): ApiResult {
  const name = param(c, 'name');
  const systemName = param(c, 'system_name') || systemNameFrom(name);
  const errors: FieldError[] = [];
  if (!name) errors.push({ field: 'name', message: "can't be blank" });
  if (systemName && c.db.plans.some((p) => p.serviceId === service.id && p.systemName === systemName)) {
    errors.push({ field: 'system_name', message: 'has already been taken' });
  }
  if (errors.length > 0) return invalid(c, errors);
  const state = param(c, 'state_event') === 'publish' ? 'published' : 'hidden';
  const plan = createPlan(c, { serviceId: service.id, name, systemName, state, isDefault: false });
  return ok(c, planDoc(plan, c.format), 201);
}

/** Runs `fn` on the provider's service from the path, or answers 404. */
function withService(fn: (c: ApiCtx, s: Service, m: RegExpExecArray) => ApiResult) {
  return (c: ApiCtx, m: RegExpExecArray): ApiResult => {
    const service = findService(c, id(m, 1));
    return service ? fn(c, service, m) : notFound(c);
  };
}

/** Services, metrics, mapping rules, proxy and application plans of the Account Management API. */
export const serviceRoutes: ApiRoute[] = [
  { method: 'GET', pattern: /^\/admin\/api\/services$/, handler: listServices },
  { method: 'POST', pattern: /^\/admin\/api\/services$/, handler: createServiceRoute },
  { method: 'GET', pattern: /^\/admin\/api\/services\/(\d+)$/, handler: withService((c, s) => ok(c, serviceDoc(c.db, s))) },
  { method: 'PUT', pattern: /^\/admin\/api\/services\/(\d+)$/, handler: withService(updateService) },
  {
    method: 'GET',
    pattern: /^\/admin\/api\/services\/(\d+)\/metrics$/,
    handler: withService((c, s) => okList(c, 'metrics', c.db.metrics.filter((x) => x.serviceId === s.id).map(metricDoc))),
  },
  {
    method: 'GET',
    pattern: /^\/admin\/api\/services\/(\d+)\/proxy\/mapping_rules$/,
    handler: withService((c, s) =>
      okList(c, 'mapping_rules', c.db.mappingRules.filter((r) => r.serviceId === s.id).sort((a, b) => a.position - b.position).map(mappingRuleDoc)),
    ),
  },
  { method: 'POST', pattern: /^\/admin\/api\/services\/(\d+)\/proxy\/mapping_rules$/, handler: withService(createRule) },
  { method: 'GET', pattern: /^\/admin\/api\/services\/(\d+)\/proxy$/, handler: withService((c, s) => ok(c, proxyDoc(s))) },
  { method: 'PATCH', pattern: /^\/admin\/api\/services\/(\d+)\/proxy$/, handler: withService(updateProxy) },
  { method: 'PUT', pattern: /^\/admin\/api\/services\/(\d+)\/proxy$/, handler: withService(updateProxy) },
  {
    method: 'GET',
    pattern: /^\/admin\/api\/services\/(\d+)\/application_plans$/,
    handler: withService((c, s) => okList(c, 'plans', c.db.plans.filter((p) => p.serviceId === s.id).map((p) => planDoc(p, c.format)))),
  },
  { method: 'POST', pattern: /^\/admin\/api\/services\/(\d+)\/application_plans$/, handler: withService(createPlanRoute) },
];
