import type { SimRequest, SimResponse } from '../http-types.js';
import { respond } from '../http-types.js';
import { accountRoutes } from './admin-accounts.js';
import { configRoutes } from './admin-configs.js';
import { serviceRoutes } from './admin-services.js';
import type { ApiCtx, ApiResult, ApiRoute } from './api-kit.js';
import { errorResult, notFound } from './api-kit.js';
import type { Format } from './format.js';
import { masterRoutes } from './master-api.js';
import type { Account, SystemDb } from './model.js';
import { accessTokenOf, readParams, splitFormat } from './params.js';

const ADMIN_ROUTES: ApiRoute[] = [...serviceRoutes, ...configRoutes, ...accountRoutes];
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const PERMISSION_ERROR = 'Your access token does not have the correct permissions';

function toResponse(result: ApiResult): SimResponse {
  return respond(result.status, result.body, result.contentType);
}

function match(routes: ApiRoute[], method: string, path: string): { route: ApiRoute; m: RegExpExecArray } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(path);
    if (m) return { route, m };
  }
  return undefined;
}

/** The token of one of the account's users, if the value matches one. */
function tokenOf(db: SystemDb, account: Account, value: string | undefined) {
  if (!value) return undefined;
  const users = new Set(db.users.filter((u) => u.accountId === account.id).map((u) => u.id));
  const token = db.tokens.find((t) => t.value === value && users.has(t.userId));
  const user = token && db.users.find((u) => u.id === token.userId);
  return token && user ? { token, user } : undefined;
}

/** Runs one API call: routing, authentication by access token, format negotiation, then the handler. */
function api(db: SystemDb, now: string, account: Account, req: SimRequest, routes: ApiRoute[], master: boolean): SimResponse {
  const { path, format } = splitFormat(req.path);
  const found = match(routes, req.method, path);
  const fmt: Format = format === 'json' ? 'json' : 'xml';
  if (!found) return toResponse(notFound({ format: fmt }));
  const params = readParams(req);
  const auth = tokenOf(db, account, accessTokenOf(req, params));
  if (!auth) {
    // The master API answers like `authenticate_access_token plain: 'unauthorized'`; the admin API like provider_required.
    return master ? respond(401, 'unauthorized', 'text/plain; charset=utf-8') : toResponse(errorResult(fmt, 403, 'Access denied'));
  }
  const writes = WRITE_METHODS.has(req.method);
  if (!auth.token.scopes.includes('account_management') || (writes && auth.token.permission !== 'rw')) {
    return toResponse(errorResult(fmt, 403, PERMISSION_ERROR));
  }
  if (format === 'unknown' || (found.route.jsonOnly && format !== 'json')) return respond(406, '');
  const c: ApiCtx = { db, now, provider: account, user: auth.user, token: auth.token, params, format: fmt, method: req.method };
  return toResponse(found.route.handler(c, found.m));
}

function page(title: string): string {
  return `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>\n`;
}

/**
 * porta (system-app) for one request: it finds the account by the Host header (master domain, a provider's
 * admin domain, a provider's developer portal) and serves the Account Management API, the master API or a page.
 */
export function handleSystem(db: SystemDb, now: string, req: SimRequest): SimResponse {
  const live = db.accounts.filter((a) => a.kind !== 'buyer' && a.state !== 'scheduled_for_deletion');
  const admin = live.find((a) => a.adminDomain === req.host);
  if (admin) {
    const isMaster = admin.kind === 'master';
    if (isMaster && req.path.startsWith('/master/api/')) return api(db, now, admin, req, masterRoutes, true);
    if (req.path.startsWith('/admin/api/')) return api(db, now, admin, req, ADMIN_ROUTES, false);
    if (req.path === '/' || req.path === '') return respond(302, '', 'text/html; charset=utf-8', { location: `https://${req.host}/p/login` });
    if (req.path === '/p/login') return respond(200, page(isMaster ? 'Master Portal' : `${admin.orgName} Admin Portal`), 'text/html; charset=utf-8');
    return respond(404, page('Not Found'), 'text/html; charset=utf-8');
  }
  const developer = live.find((a) => a.kind === 'provider' && a.domain === req.host);
  if (developer && !req.path.startsWith('/admin/api/')) return respond(200, page(`${developer.orgName} Developer Portal`), 'text/html; charset=utf-8');
  // A host porta does not know: Rails' routing error page.
  return respond(404, page('Not Found'), 'text/html; charset=utf-8');
}
