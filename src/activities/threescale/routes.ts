import type { ActivityDeps } from '../deps.js';
import { cliFailure, runCli } from '../lib/run-cli.js';
import { listObjects } from '../template/cluster-objects.js';

/** An edge route to create: its name, the Service and port it points at, and the host it serves. */
export interface EdgeRoute {
  name: string;
  service: string;
  /** The Service port name (`gateway` for APIcast, `http` for system-provider). */
  port: string;
  host: string;
}

/**
 * Creates the edge route for a host unless some route in the project already serves it (the 2.4 template's
 * WILDCARD_POLICY=None means every new gateway or tenant host needs its own route). Plain HTTP is allowed, as on the
 * template's own routes.
 */
export async function ensureRoute(deps: ActivityDeps, project: string, route: EdgeRoute): Promise<void> {
  const routes = await listObjects(deps, project, 'routes');
  if (routes.some((r) => (r.spec as { host?: string } | undefined)?.host === route.host)) return;
  const res = await runCli(deps, {
    cli: 'oc',
    args: ['create', 'route', 'edge', route.name, `--service=${route.service}`, `--hostname=${route.host}`, `--port=${route.port}`, '--insecure-policy=Allow', '-n', project],
    timeoutMs: 60_000,
  });
  if (res.exitCode !== 0 && !/\(AlreadyExists\)/.test(res.stderr)) throw cliFailure(deps, res, `oc create route edge ${route.name} failed`);
}

/** Deletes routes by name; absent routes (or an absent project) are fine, so it can run any number of times. */
export async function deleteRoutes(deps: ActivityDeps, project: string, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  const res = await runCli(deps, { cli: 'oc', args: ['delete', 'route', ...names, '-n', project, '--ignore-not-found'], timeoutMs: 120_000 });
  if (res.exitCode !== 0 && !/\(NotFound\)/.test(res.stderr)) throw cliFailure(deps, res, `oc delete route ${names.join(' ')} failed`);
}

/** A route the router refuses to serve (another route holds its host), with the router's reason. */
export interface UnadmittedRoute {
  name: string;
  host: string;
  reason: string;
  message: string;
}

/** Routes of the project that the router has not admitted, e.g. HostAlreadyClaimed by a route of another project. */
export async function unadmittedRoutes(deps: ActivityDeps, project: string): Promise<UnadmittedRoute[]> {
  const routes = await listObjects(deps, project, 'routes');
  const out: UnadmittedRoute[] = [];
  for (const r of routes) {
    const ingress = (r.status as { ingress?: Array<{ conditions?: Array<{ type: string; status: string; reason?: string; message?: string }> }> } | undefined)?.ingress ?? [];
    const refused = ingress.flatMap((i) => i.conditions ?? []).find((c) => c.type === 'Admitted' && c.status === 'False');
    if (refused) {
      out.push({ name: r.metadata.name, host: String((r.spec as { host?: string } | undefined)?.host ?? ''), reason: refused.reason ?? 'NotAdmitted', message: refused.message ?? '' });
    }
  }
  return out;
}
