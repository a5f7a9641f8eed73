import type { SimRequest, SimResponse } from '../http-types.js';
import { respond } from '../http-types.js';
import type { SystemDb } from '../threescale/model.js';
import { basicCredential } from '../threescale/params.js';
import { latestConfig } from '../threescale/proxy-config.js';
import type { ProxyRule } from './mapping-rules.js';
import { ruleMatches } from './mapping-rules.js';
import type { UpstreamRequest } from './upstream.js';

/** Which of the template's two gateways answers. */
export type GatewayKind = 'staging' | 'production';

/** 2.4 template: apicast-production boots with `APICAST_CONFIGURATION_CACHE=300` (seconds). */
export const PRODUCTION_CACHE_MS = 300_000;

/** The part of a proxy config's content APIcast uses. */
interface ServiceConfig {
  id: number;
  backend_version: string;
  proxy: {
    api_backend: string;
    credentials_location: string;
    auth_user_key: string;
    error_auth_failed: string;
    error_auth_missing: string;
    error_status_auth_failed: number;
    error_headers_auth_failed: string;
    error_status_auth_missing: number;
    error_headers_auth_missing: string;
    error_no_match: string;
    error_status_no_match: number;
    error_headers_no_match: string;
    secret_token: string;
    hostname_rewrite: string;
    hosts: string[];
    proxy_rules: ProxyRule[];
  };
}

/**
 * The configurations a production gateway booted with, per install. APIcast reloads them only when the
 * cache expires, measured in simulated time, so a promoted config shows up within 300 simulated seconds.
 */
export class ProductionConfigCache {
  private readonly entries = new Map<string, { loadedAt: number; configs: ServiceConfig[] }>();

  /** The cached configs of an install, reloading them with `load` when absent or expired. */
  get(install: string, nowMs: number, load: () => ServiceConfig[]): ServiceConfig[] {
    const entry = this.entries.get(install);
    if (entry && nowMs - entry.loadedAt < PRODUCTION_CACHE_MS) return entry.configs;
    const configs = load();
    this.entries.set(install, { loadedAt: nowMs, configs });
    return configs;
  }
}

function loadConfigs(db: SystemDb, env: 'sandbox' | 'production'): ServiceConfig[] {
  const live = new Set(db.accounts.filter((a) => a.state !== 'scheduled_for_deletion').map((a) => a.id));
  return db.services
    .filter((s) => live.has(s.accountId))
    .map((s) => latestConfig(db, s.id, env)?.content as ServiceConfig | undefined)
    .filter((c): c is ServiceConfig => !!c);
}

function credential(service: ServiceConfig, req: SimRequest): string | undefined {
  const name = service.proxy.auth_user_key || 'user_key';
  switch (service.proxy.credentials_location) {
    case 'headers': {
      const value = req.headers[name.toLowerCase()];
      return Array.isArray(value) ? value[0] : value || undefined;
    }
    case 'authorization':
      return basicCredential(req);
    default:
      return new URLSearchParams(req.query).get(name) || undefined;
  }
}

function apicastError(status: number, body: string, contentType: string): SimResponse {
  return respond(status, body, contentType);
}

/** The headers APIcast sends upstream: the client's, Host rewritten to the backend, the proxy secret token. */
function upstreamHeaders(req: SimRequest, service: ServiceConfig): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined || k === 'host' || k === 'connection' || k === 'content-length') continue;
    headers[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  let backendHost = service.proxy.hostname_rewrite;
  if (!backendHost) {
    try {
      backendHost = new URL(service.proxy.api_backend).host.replace(/:(443|80)$/, '');
    } catch {
      backendHost = '';
    }
  }
  headers.host = backendHost;
  headers['x-real-ip'] = req.remoteAddress;
  headers['x-3scale-proxy-secret-token'] = service.proxy.secret_token;
  return headers;
}

/**
 * APIcast 3.4 with 2.4's defaults for one request: find the service by Host, extract the user_key,
 * match a mapping rule, authorize the key (the backend knows every live application at once) and
 * either answer an error or say what to send upstream.
 */
export function resolveGateway(
  kind: GatewayKind,
  db: SystemDb,
  install: string,
  nowMs: number,
  cache: ProductionConfigCache,
  req: SimRequest,
): { response: SimResponse } | { upstream: UpstreamRequest } {
  // staging: lazy loader, no cache; production: boot loader, 300 s cache.
  const configs = kind === 'staging' ? loadConfigs(db, 'sandbox') : cache.get(install, nowMs, () => loadConfigs(db, 'production'));
  const service = configs.find((c) => c.proxy.hosts.includes(req.host));
  // errors.service_not_found: 404 with an empty body.
  if (!service) return { response: respond(404, '', 'text/plain; charset=us-ascii') };
  const p = service.proxy;
  const key = credential(service, req);
  if (!key) return { response: apicastError(p.error_status_auth_missing, p.error_auth_missing, p.error_headers_auth_missing) };
  const query = new URLSearchParams(req.query);
  if (!p.proxy_rules.some((rule) => ruleMatches(rule, req.method, req.path, query))) {
    return { response: apicastError(p.error_status_no_match, p.error_no_match, p.error_headers_no_match) };
  }
  const live = new Set(db.accounts.filter((a) => a.state !== 'scheduled_for_deletion').map((a) => a.id));
  const app = db.applications.find((a) => a.serviceId === service.id && a.userKey === key && a.state === 'live' && live.has(a.accountId));
  if (!app) return { response: apicastError(p.error_status_auth_failed, p.error_auth_failed, p.error_headers_auth_failed) };
  return {
    upstream: { method: req.method, apiBackend: p.api_backend, path: req.path, query: req.query, headers: upstreamHeaders(req, service), body: req.body },
  };
}
