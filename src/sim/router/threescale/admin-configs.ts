import type { ApiCtx, ApiResult, ApiRoute } from './api-kit.js';
import { id, notFound, param } from './api-kit.js';
import { findService } from './admin-services.js';
import { contentType, renderErrors } from './format.js';
import type { ProxyConfig } from './model.js';
import type { Environment } from './proxy-config.js';
import { latestConfig, parseEnvironment, promoteConfig } from './proxy-config.js';
import { proxyConfigJson } from './representers.js';

const JSON_TYPE = contentType('json');

function json(status: number, value: unknown): ApiResult {
  return { status, body: JSON.stringify(value), contentType: JSON_TYPE };
}

/** Resolves service and environment from the path (400 for an unknown environment, as porta does). */
function withEnv(fn: (c: ApiCtx, serviceId: number, env: Environment, m: RegExpExecArray) => ApiResult) {
  return (c: ApiCtx, m: RegExpExecArray): ApiResult => {
    const service = findService(c, id(m, 1));
    if (!service) return notFound(c);
    const env = parseEnvironment(m[2]);
    if (!env) return { status: 400, body: '', contentType: JSON_TYPE };
    return fn(c, service.id, env, m);
  };
}

function list(c: ApiCtx, serviceId: number, env: Environment): ApiResult {
  const configs = c.db.proxyConfigs.filter((x) => x.serviceId === serviceId && x.environment === env).sort((a, b) => a.version - b.version);
  return json(200, { proxy_configs: configs.map(proxyConfigJson) });
}

function latest(c: ApiCtx, serviceId: number, env: Environment): ApiResult {
  const config = latestConfig(c.db, serviceId, env);
  return config ? json(200, proxyConfigJson(config)) : notFound(c);
}

function show(c: ApiCtx, serviceId: number, env: Environment, m: RegExpExecArray): ApiResult {
  const version = Number(m[3]);
  const config: ProxyConfig | undefined = c.db.proxyConfigs.find((x) => x.serviceId === serviceId && x.environment === env && x.version === version);
  return config ? json(200, proxyConfigJson(config)) : notFound(c);
}

function promote(c: ApiCtx, serviceId: number, env: Environment, m: RegExpExecArray): ApiResult {
  const result = promoteConfig(c, serviceId, env, Number(m[3]), param(c, 'to'));
  if (result.ok) return json(201, proxyConfigJson(result.config));
  if (result.status === 404) return notFound(c);
  return { status: 422, body: renderErrors('json', [{ field: result.field, message: result.message }]), contentType: JSON_TYPE };
}

/** Proxy config versions: list, latest, show and promote (JSON only, like porta). */
export const configRoutes: ApiRoute[] = [
  { method: 'GET', pattern: /^\/admin\/api\/services\/(\d+)\/proxy\/configs\/([a-z_]+)$/, handler: withEnv(list), jsonOnly: true },
  { method: 'GET', pattern: /^\/admin\/api\/services\/(\d+)\/proxy\/configs\/([a-z_]+)\/latest$/, handler: withEnv(latest), jsonOnly: true },
  { method: 'GET', pattern: /^\/admin\/api\/services\/(\d+)\/proxy\/configs\/([a-z_]+)\/(\d+)$/, handler: withEnv(show), jsonOnly: true },
  { method: 'POST', pattern: /^\/admin\/api\/services\/(\d+)\/proxy\/configs\/([a-z_]+)\/(\d+)\/promote$/, handler: withEnv(promote), jsonOnly: true },
];
