import type { Ctx } from './factory.js';
import type { ProxyConfig, Service, SystemDb } from './model.js';
import { nextId } from './model.js';
import { proxyFields } from './representers.js';
import { railsTime } from './format.js';

/** Gateway environments porta knows; `staging` is an alias of `sandbox` in the URLs. */
export const ENVIRONMENTS = ['sandbox', 'production'] as const;
/** One of {@link ENVIRONMENTS}. */
export type Environment = (typeof ENVIRONMENTS)[number];

/** `sandbox`/`staging` → sandbox, `production` → production, anything else undefined. */
export function parseEnvironment(value: string): Environment | undefined {
  if (value === 'sandbox' || value === 'staging') return 'sandbox';
  if (value === 'production') return 'production';
  return undefined;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * The configuration APIcast downloads for a service: the service with its proxy, mapping rules
 * (`proxy_rules`) and backend credentials, as porta's `ProxyConfig` content holds it.
 */
export function buildContent(db: SystemDb, service: Service): Record<string, unknown> {
  const metrics = db.metrics.filter((m) => m.serviceId === service.id);
  const rules = db.mappingRules
    .filter((r) => r.serviceId === service.id)
    .sort((a, b) => a.position - b.position)
    .map((r) => ({
      id: r.id,
      proxy_id: service.proxy.id,
      http_method: r.httpMethod,
      pattern: r.pattern,
      metric_id: r.metricId,
      metric_system_name: metrics.find((m) => m.id === r.metricId)?.systemName ?? 'hits',
      delta: r.delta,
      tenant_id: service.accountId,
      redirect_url: null,
      position: r.position,
      last: r.last,
      parameters: [],
      querystring_parameters: {},
      created_at: railsTime(r.createdAt),
      updated_at: railsTime(r.updatedAt),
    }));
  const hosts = [service.proxy.endpoint, service.proxy.sandboxEndpoint].map(hostOf).filter((h): h is string => !!h);
  const tenant = db.accounts.find((a) => a.id === service.accountId);
  const backendHost = `backend-${tenant?.domain?.split('.')[0] ?? 'tenant'}.${db.superdomain}`;
  return {
    id: service.id,
    account_id: service.accountId,
    name: service.name,
    description: service.description,
    system_name: service.systemName,
    backend_version: service.backendVersion,
    deployment_option: service.deploymentOption,
    backend_authentication_type: 'service_token',
    backend_authentication_value: service.serviceToken,
    created_at: railsTime(service.createdAt),
    proxy: {
      id: service.proxy.id,
      tenant_id: service.accountId,
      ...proxyFields(service.id, service.proxy),
      policies_config: [{ name: 'apicast', version: 'builtin', configuration: {}, enabled: true }],
      proxy_rules: rules,
      hosts: [...new Set(hosts)],
      backend: { endpoint: `https://${backendHost}`, host: backendHost },
      service_backend_version: service.backendVersion,
      valid: true,
    },
  };
}

/** The latest config of a service in an environment, if any. */
export function latestConfig(db: SystemDb, serviceId: number, env: Environment): ProxyConfig | undefined {
  let latest: ProxyConfig | undefined;
  for (const c of db.proxyConfigs) {
    if (c.serviceId === serviceId && c.environment === env && (!latest || c.version > latest.version)) latest = c;
  }
  return latest;
}

/**
 * 2.4's deploy (`Proxy#deploy_v2`, what `PATCH proxy` triggers): saves a new sandbox config version
 * only when the content differs from the latest one. Returns the new config, or undefined if unchanged.
 */
export function deploySandbox(ctx: Ctx, service: Service): ProxyConfig | undefined {
  const content = buildContent(ctx.db, service);
  const latest = latestConfig(ctx.db, service.id, 'sandbox');
  if (latest && JSON.stringify(latest.content) === JSON.stringify(content)) return undefined;
  const config: ProxyConfig = {
    id: nextId(ctx.db, 'proxyConfigs'),
    serviceId: service.id,
    environment: 'sandbox',
    version: (latest?.version ?? 0) + 1,
    content,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  ctx.db.proxyConfigs.push(config);
  return config;
}

/** Outcome of {@link promoteConfig}. */
export type PromoteResult =
  | { ok: true; config: ProxyConfig }
  | { ok: false; status: 404 }
  | { ok: false; status: 422; field: string; message: string };

/**
 * Copies a config to another environment keeping its version (porta `ProxyConfig#clone_to`). The copy
 * fails validation when that environment already has this version: re-promoting is not idempotent.
 */
export function promoteConfig(ctx: Ctx, serviceId: number, from: Environment, version: number, to: string): PromoteResult {
  const source = ctx.db.proxyConfigs.find((c) => c.serviceId === serviceId && c.environment === from && c.version === version);
  if (!source) return { ok: false, status: 404 };
  const target = parseEnvironment(to);
  if (!target || to === 'staging') return { ok: false, status: 422, field: 'environment', message: 'is not included in the list' };
  if (ctx.db.proxyConfigs.some((c) => c.serviceId === serviceId && c.environment === target && c.version === version)) {
    return { ok: false, status: 422, field: 'version', message: 'has already been taken' };
  }
  const config: ProxyConfig = {
    id: nextId(ctx.db, 'proxyConfigs'),
    serviceId,
    environment: target,
    version,
    content: source.content,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  ctx.db.proxyConfigs.push(config);
  return { ok: true, config };
}
