import { readFileSync } from 'node:fs';

import type { ClusterView, SimRoute } from '../contracts.js';

/** A cluster described by plain data: what tests (and the router's own process test) put behind the router. */
export interface StaticClusterState {
  /** Simulated time; the wall clock when absent. */
  nowMs?: number;
  vmRunning: boolean;
  routes: SimRoute[];
  /** `<project>/<service>` of every Service with a ready endpoint. */
  ready: string[];
  /** `<project>/<Kind>/<name>` → object as `oc get -o json` prints it (Projects: `<name>/Project/<name>`). */
  objects: Record<string, Record<string, unknown>>;
  /** Host → armed gateway fault (`count` answers left). */
  faults?: Record<string, { status: number; body: string; count: number }>;
}

/**
 * A {@link ClusterView} over a state the caller owns: `get` is called on every access, so changes show at once.
 * `onFaultTaken` lets the owner persist a consumed fault.
 */
export function staticClusterView(get: () => StaticClusterState, onFaultTaken?: (state: StaticClusterState) => void): ClusterView {
  return {
    now: () => get().nowMs ?? Date.now(),
    vmRunning: () => get().vmRunning,
    routes: () => get().routes,
    serviceReady: (project, service) => get().ready.includes(`${project}/${service}`),
    getObject: (project, kind, name) => get().objects[kind === 'Project' ? `${name}/Project/${name}` : `${project}/${kind}/${name}`],
    takeGatewayFault: (host) => {
      const state = get();
      const fault = state.faults?.[host];
      if (!fault || fault.count <= 0) return undefined;
      fault.count -= 1;
      onFaultTaken?.(state);
      return { status: fault.status, body: fault.body };
    },
  };
}

/**
 * A view over a JSON file of {@link StaticClusterState}, re-read on every call. The router process uses it
 * instead of the cluster state when `AMP_SIM_ROUTER_VIEW_FILE` is set (a test hook: no simulated cluster needed).
 */
export function fileClusterView(path: string): ClusterView {
  return staticClusterView(() => JSON.parse(readFileSync(path, 'utf8')) as StaticClusterState);
}
