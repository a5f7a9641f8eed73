import type { SimRoute } from '../contracts.js';

/** What the router does with a request. */
export type RouteDecision =
  | { kind: 'serve'; route: SimRoute }
  | { kind: 'redirect'; route: SimRoute }
  | { kind: 'unavailable' };

/**
 * origin's generateRouteRegexp semantics: `/` matches everything, `/p/` matches `/p/…`,
 * `/p` matches `/p` and `/p/…` but not `/pq`.
 */
export function pathMatches(routePath: string, path: string): boolean {
  if (routePath.replace(/\/+$/, '') === '') return true;
  if (routePath.endsWith('/')) return path.startsWith(routePath);
  return path === routePath || path.startsWith(`${routePath}/`);
}

/** Whether a route is in HAProxy's map for this scheme, and whether plain HTTP must be redirected. */
function servesScheme(route: SimRoute, scheme: 'http' | 'https'): 'yes' | 'redirect' | 'no' {
  if (scheme === 'https') return route.tls ? 'yes' : 'no';
  if (!route.tls) return 'yes';
  const policy = route.insecureEdgeTerminationPolicy;
  if (policy === 'Redirect') return 'redirect';
  if (policy === 'Allow' && route.tls === 'edge') return 'yes';
  return 'no';
}

/**
 * Picks the route for a request like OpenShift 3.11's HAProxy router: admitted routes only (a route that
 * lost its host to an older one — HostAlreadyClaimed — is not served), host match, then the longest
 * matching path; TLS termination and insecureEdgeTerminationPolicy decide what plain HTTP gets.
 */
export function decideRoute(routes: SimRoute[], host: string, path: string, scheme: 'http' | 'https'): RouteDecision {
  const candidates = routes
    .filter((r) => r.admitted && r.host.toLowerCase() === host && pathMatches(r.path || '/', path))
    .sort((a, b) => (b.path || '/').length - (a.path || '/').length);
  for (const route of candidates) {
    const serves = servesScheme(route, scheme);
    if (serves === 'yes') return { kind: 'serve', route };
    if (serves === 'redirect') return { kind: 'redirect', route };
  }
  return { kind: 'unavailable' };
}
