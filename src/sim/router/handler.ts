import type { ClusterView } from '../contracts.js';
import { appendJournal, redactPath } from '../journal.js';
import { ProductionConfigCache, resolveGateway } from './apicast/gateway.js';
import { callUpstream } from './apicast/upstream.js';
import { appKindOf } from './apps.js';
import { unavailablePage } from './error-page.js';
import type { SimRequest, SimResponse } from './http-types.js';
import { respond } from './http-types.js';
import { decideRoute } from './routing.js';
import type { SystemDb } from './threescale/model.js';
import { readSeedInput, seedSystemDb } from './threescale/seed.js';
import type { InstallKey } from './threescale/store.js';
import { withSystemDb } from './threescale/store.js';
import { handleSystem } from './threescale/system-app.js';

/** Everything the router needs to answer requests of one VM. */
export interface RouterContext {
  home: string;
  profile: string;
  view: ClusterView;
  /** The VM's address (what the router pod's requests come from, as upstreams see them). */
  ip: string;
  /** Where HTTPS is served, for Redirect routes' Location. */
  httpsPort: number;
  cache: ProductionConfigCache;
}

/** Creates a context with a fresh production gateway cache. */
export function createRouterContext(opts: Omit<RouterContext, 'cache'>): RouterContext {
  return { ...opts, cache: new ProductionConfigCache() };
}

/** Thrown while the cluster lacks what 2.4's pre-hook seeds from (system-seed, system-environment). */
class NotSeededError extends Error {}

function installOf(view: ClusterView, project: string): InstallKey | undefined {
  const uid = (view.getObject(project, 'Project', project)?.metadata as { uid?: string } | undefined)?.uid;
  return uid ? { project, uid } : undefined;
}

function seeder(ctx: RouterContext, key: InstallKey, now: string): () => SystemDb {
  return () => {
    const input = readSeedInput(ctx.view, key.project, key.uid);
    if (!input) throw new NotSeededError();
    return seedSystemDb(input, now);
  };
}

/** HAProxy's forwarding headers (the 3.11 router sets them on every request it passes on). */
function withForwardedHeaders(req: SimRequest, rawHost: string): SimRequest {
  const port = /:(\d+)$/.exec(rawHost)?.[1] ?? (req.scheme === 'https' ? '443' : '80');
  const headers = { ...req.headers };
  headers['x-forwarded-host'] = req.host;
  headers['x-forwarded-port'] = port;
  headers['x-forwarded-proto'] = req.scheme;
  headers.forwarded = `for=${req.remoteAddress};host=${req.host};proto=${req.scheme}`;
  headers['x-forwarded-for'] = req.headers['x-forwarded-for'] ? `${String(req.headers['x-forwarded-for'])}, ${req.remoteAddress}` : req.remoteAddress;
  return { ...req, headers };
}

async function serve(ctx: RouterContext, req: SimRequest, rawHost: string): Promise<SimResponse> {
  const { view } = ctx;
  if (!view.vmRunning()) return unavailablePage();
  const decision = decideRoute(view.routes(), req.host, req.path, req.scheme);
  if (decision.kind === 'unavailable') return unavailablePage();
  const route = decision.route;
  if (decision.kind === 'redirect') {
    const port = ctx.httpsPort === 443 ? '' : `:${ctx.httpsPort}`;
    return respond(302, '', undefined, { location: `https://${req.host}${port}${req.path}${req.query ? `?${req.query}` : ''}`, 'cache-control': 'no-cache' });
  }
  const service = view.getObject(route.project, 'Service', route.service);
  if (!service || !view.serviceReady(route.project, route.service)) return unavailablePage();
  const fault = view.takeGatewayFault(req.host);
  if (fault) return respond(fault.status, fault.body, 'text/html');
  const kind = appKindOf(service);
  const forwarded = withForwardedHeaders(req, rawHost);
  if (kind === 'backend-listener') {
    return req.path === '/status' ? respond(200, JSON.stringify({ status: 'ok' }), 'application/json') : respond(404, '', 'text/plain');
  }
  if (kind !== 'system' && kind !== 'apicast-staging' && kind !== 'apicast-production') return unavailablePage();
  const key = installOf(view, route.project);
  if (!key) return unavailablePage();
  const nowMs = view.now();
  const now = new Date(nowMs).toISOString();
  try {
    if (kind === 'system') return await withSystemDb(ctx.home, key, seeder(ctx, key, now), (db) => handleSystem(db, now, forwarded));
    const gatewayKind = kind === 'apicast-staging' ? 'staging' : 'production';
    const installId = `${key.project}-${key.uid}`;
    const outcome = await withSystemDb(ctx.home, key, seeder(ctx, key, now), (db) => resolveGateway(gatewayKind, db, installId, nowMs, ctx.cache, forwarded));
    if ('response' in outcome) return outcome.response;
    return await callUpstream({ ...outcome.upstream, headers: { ...outcome.upstream.headers, 'x-real-ip': ctx.ip } });
  } catch (err) {
    if (err instanceof NotSeededError) return unavailablePage();
    throw err;
  }
}

/**
 * Answers one request as the VM's router would (and journals it without secrets). Failures inside the
 * simulator become a 500 without details, since a message could carry a token or key.
 */
export async function handleRequest(ctx: RouterContext, req: SimRequest, rawHost: string): Promise<SimResponse> {
  const started = Date.now();
  let response: SimResponse;
  try {
    response = await serve(ctx, req, rawHost);
  } catch {
    response = respond(500, 'Internal Server Error', 'text/plain');
  }
  const path = req.query ? `${req.path}?${req.query}` : req.path;
  // A variable, not a literal: journal.ts's Omit<JournalEntry, 't'> is not distributive over the union.
  const entry = { kind: 'http' as const, method: req.method, host: rawHost, path: redactPath(path), status: response.status, ms: Date.now() - started, profile: ctx.profile };
  try {
    appendJournal(ctx.home, entry);
  } catch {
    // A journal that cannot be written must not break the request.
  }
  return response;
}
