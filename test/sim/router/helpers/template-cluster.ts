import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { parse } from 'yaml';

import { PROJECT_ROOT } from '../../../../src/paths.js';
import type { SimRoute } from '../../../../src/sim/contracts.js';
import type { StaticClusterState } from '../../../../src/sim/router/static-view.js';

/** The real 2.4 evaluation template (test data only, read from shared/). */
export const TEMPLATE_2_4 = path.resolve(PROJECT_ROOT, '../shared/fixtures/3scale-templates/amp-eval-tech-preview-2.4.yml');

interface TemplateParam {
  name: string;
  value?: string;
  generate?: string;
}

/** What a test knows about an install it put into the fake cluster. */
export interface FakeInstall {
  project: string;
  params: Record<string, string>;
  /** Host of a template route by route name. */
  host(route: string): string;
}

function objectKey(project: string, obj: Record<string, unknown>): string {
  const meta = obj.metadata as { name: string };
  return `${project}/${String(obj.kind)}/${meta.name}`;
}

/**
 * Processes the template with `params` (plain `${X}` / `${{X}}` substitution; generated parameters get random
 * values) into the objects `oc new-app` would create: Secrets with base64 `data`, as `oc get -o json` shows them.
 */
export function processTemplate(file: string, params: Record<string, string>): { objects: Record<string, unknown>[]; values: Record<string, string> } {
  const template = parse(readFileSync(file, 'utf8')) as { objects: Record<string, unknown>[]; parameters: TemplateParam[] };
  const values: Record<string, string> = {};
  for (const p of template.parameters) values[p.name] = params[p.name] ?? p.value ?? (p.generate ? randomBytes(8).toString('hex') : '');
  const text = JSON.stringify(template.objects)
    .replace(/\$\{\{([A-Z0-9_]+)\}\}/g, (_, name: string) => values[name] ?? '')
    .replace(/\$\{([A-Z0-9_]+)\}/g, (_, name: string) => values[name] ?? '');
  const objects = (JSON.parse(text) as Record<string, unknown>[]).map((obj) => {
    if (obj.kind !== 'Secret' || !obj.stringData) return obj;
    const data = Object.fromEntries(Object.entries(obj.stringData as Record<string, string>).map(([k, v]) => [k, Buffer.from(String(v)).toString('base64')]));
    const { stringData: _drop, ...rest } = obj;
    return { ...rest, data };
  });
  return { objects, values };
}

/** A SimRoute from a Route object, admitted unless its host is already claimed in `routes`. */
export function simRoute(project: string, obj: Record<string, unknown>, routes: SimRoute[]): SimRoute {
  const spec = obj.spec as { host: string; path?: string; to: { name: string }; port?: { targetPort?: string | number }; tls?: { termination: SimRoute['tls']; insecureEdgeTerminationPolicy?: SimRoute['insecureEdgeTerminationPolicy'] } };
  return {
    project,
    name: (obj.metadata as { name: string }).name,
    host: spec.host,
    path: spec.path || '/',
    service: spec.to.name,
    targetPort: spec.port?.targetPort,
    tls: spec.tls?.termination,
    insecureEdgeTerminationPolicy: spec.tls?.insecureEdgeTerminationPolicy,
    admitted: !routes.some((r) => r.admitted && r.host === spec.host && (r.path || '/') === (spec.path || '/')),
  };
}

/** An empty running cluster. */
export function emptyCluster(nowMs = Date.UTC(2019, 0, 29, 10, 0, 0)): StaticClusterState {
  return { nowMs, vmRunning: true, routes: [], ready: [], objects: {}, faults: {} };
}

/**
 * "oc new-app" of the 2.4 template into `state`: every object, every route (admission as OpenShift does),
 * every Service ready (a finished bring-up) unless `ready: false`.
 */
export function installTemplate(
  state: StaticClusterState,
  project: string,
  params: Record<string, string>,
  opts: { ready?: boolean; file?: string } = {},
): FakeInstall {
  const { objects, values } = processTemplate(opts.file ?? TEMPLATE_2_4, params);
  state.objects[`${project}/Project/${project}`] = { kind: 'Project', metadata: { name: project, uid: randomUUID() } };
  for (const obj of objects) {
    state.objects[objectKey(project, obj)] = obj;
    if (obj.kind === 'Route') state.routes.push(simRoute(project, obj, state.routes));
    if (obj.kind === 'Service' && opts.ready !== false) state.ready.push(`${project}/${(obj.metadata as { name: string }).name}`);
  }
  return {
    project,
    params: values,
    host: (route) => {
      const found = state.routes.find((r) => r.project === project && r.name === route);
      if (!found) throw new Error(`no route ${route}`);
      return found.host;
    },
  };
}

/** `oc create route edge NAME --service=S --hostname=H [--insecure-policy=P]`. */
export function createEdgeRoute(
  state: StaticClusterState,
  project: string,
  name: string,
  service: string,
  host: string,
  policy: SimRoute['insecureEdgeTerminationPolicy'] = 'Allow',
  routePath = '/',
): SimRoute {
  const obj = { kind: 'Route', metadata: { name }, spec: { host, path: routePath === '/' ? undefined : routePath, to: { name: service }, tls: { termination: 'edge', insecureEdgeTerminationPolicy: policy } } };
  const route = simRoute(project, obj, state.routes);
  state.routes.push(route);
  return route;
}
