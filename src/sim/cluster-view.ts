import { statSync } from 'node:fs';

import type { ClusterView, SimRoute } from './contracts.js';
import { simSpeed } from './home.js';
import { getObject } from './cluster/api/query.js';
import { resourceForKind } from './cluster/api/resources.js';
import { simNow } from './cluster/clock.js';
import { advanceTo } from './cluster/controllers/engine.js';
import { serviceReady } from './cluster/controllers/util.js';
import { stateFile } from './cluster/env.js';
import { clusterFaults } from './cluster/faults/cluster-faults.js';
import { allFaultsSync, takeGatewayFaultSync } from './cluster/faults/sync.js';
import { isActive } from './cluster/faults/store.js';
import type { Cluster } from './cluster/model/cluster.js';
import type { KubeObject, ProfileState } from './cluster/model/types.js';
import { publicView } from './cluster/printers/json.js';
import { readJson } from './cluster/store/json-file.js';

function toSimRoute(project: string, r: KubeObject): SimRoute {
  const cond = (r.status?.ingress?.[0]?.conditions ?? []).find((x: { type: string }) => x.type === 'Admitted') as { status?: string } | undefined;
  return {
    project,
    name: r.metadata.name,
    host: r.spec?.host ?? '',
    path: r.spec?.path || '/',
    service: r.spec?.to?.name ?? '',
    targetPort: r.spec?.port?.targetPort,
    tls: r.spec?.tls?.termination,
    insecureEdgeTerminationPolicy: r.spec?.tls?.insecureEdgeTerminationPolicy,
    admitted: cond?.status === 'True',
  };
}

/**
 * The router's read access to one profile's cluster state (see {@link ClusterView}). Each call sees the state advanced
 * to the current simulated time; the view advances its own in-memory copy (the simulation is deterministic, so this
 * agrees with whatever the CLIs persist) and reloads whenever the state file changes. It never writes the state.
 */
export function openClusterView(home: string, profile: string, env: NodeJS.ProcessEnv = process.env): ClusterView {
  const file = stateFile(home, profile);
  const speed = simSpeed(env);
  const faultsFile = env.AMP_SIM_FAULTS || undefined;
  let cache: { key: string; state: ProfileState } | undefined;

  const load = (): ProfileState | undefined => {
    let key: string;
    try {
      const st = statSync(file);
      key = `${st.ino}/${st.mtimeMs}/${st.size}`;
    } catch {
      cache = undefined;
      return undefined;
    }
    if (cache?.key !== key) {
      const state = readJson<ProfileState>(file);
      cache = state ? { key, state } : undefined;
    }
    return cache?.state;
  };

  const cluster = (): Cluster | undefined => {
    const state = load();
    if (!state) return undefined;
    const realNow = Date.now();
    const target = simNow(state.clock, speed, realNow);
    const faults = clusterFaults(allFaultsSync(home, faultsFile).filter(isActive));
    const c = advanceTo(state, target, faults);
    state.clock = { ...state.clock, real: realNow, sim: Math.max(state.clock.sim, target) };
    return c;
  };

  return {
    now: () => cluster()?.now ?? Date.now(),
    vmRunning: () => {
      const state = load();
      return state?.vm.status === 'Running' && state.vm.openshift === 'Running';
    },
    routes: () => {
      const c = cluster();
      if (!c) return [];
      return c.namespaceNames().flatMap((ns) => c.list(ns, 'Route').map((r) => toSimRoute(ns, r)));
    },
    serviceReady: (project, service) => {
      const c = cluster();
      return c !== undefined && serviceReady(c, project, service);
    },
    getObject: (project, kind, name) => {
      const c = cluster();
      const r = resourceForKind(kind);
      if (!c || !r) return undefined;
      const o = getObject(c, r, project, name, 'system:admin');
      return o ? (publicView(o) as Record<string, unknown>) : undefined;
    },
    takeGatewayFault: (host) => takeGatewayFaultSync(home, faultsFile, host),
  };
}
