import { isoSeconds } from '../clock.js';
import type { KubeObject } from '../model/types.js';
import type { Controller } from './engine.js';

type Ingress = { host: string; routerName: string; wildcardPolicy: string; conditions: Array<Record<string, string>> };

/**
 * The router's admission: the oldest Route claiming a host owns it; a later Route for the same host is rejected with
 * HostAlreadyClaimed unless it lives in the owner's namespace with a different path.
 */
export const routeController: Controller = (c) => {
  const all: Array<{ ns: string; route: KubeObject }> = [];
  for (const ns of c.namespaceNames()) for (const route of c.list(ns, 'Route')) all.push({ ns, route });
  all.sort((a, b) => Date.parse(a.route.metadata.creationTimestamp ?? '') - Date.parse(b.route.metadata.creationTimestamp ?? '') || Number(a.route.metadata.resourceVersion) - Number(b.route.metadata.resourceVersion));
  const owners = new Map<string, { ns: string; route: KubeObject }>();
  for (const entry of all) {
    const { ns, route } = entry;
    const host: string = route.spec?.host ?? '';
    const owner = owners.get(host);
    let condition: Record<string, string>;
    if (!owner) {
      owners.set(host, entry);
      condition = { type: 'Admitted', status: 'True' };
    } else if (owner.ns === ns && (owner.route.spec?.path ?? '') !== (route.spec?.path ?? '')) {
      condition = { type: 'Admitted', status: 'True' };
    } else {
      const message = owner.ns === ns ? `route ${owner.route.metadata.name} already exposes ${host} and is older` : `a route in another namespace holds ${host} and is older than ${route.metadata.name}`;
      condition = { type: 'Admitted', status: 'False', reason: 'HostAlreadyClaimed', message };
    }
    const current = (route.status?.ingress as Ingress[] | undefined)?.[0];
    const old = current?.conditions?.[0];
    if (current && old && old.status === condition.status && old.reason === condition.reason && current.host === host) continue;
    const ingress: Ingress = { host, routerName: 'router', wildcardPolicy: route.spec?.wildcardPolicy ?? 'None', conditions: [{ ...condition, lastTransitionTime: isoSeconds(c.now) }] };
    route.status = { ingress: [ingress] };
    c.touch(route);
  }
};
