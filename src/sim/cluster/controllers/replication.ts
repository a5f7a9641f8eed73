import type { Cluster } from '../model/cluster.js';
import type { KubeObject } from '../model/types.js';
import type { Controller } from './engine.js';
import { deletePod } from './namespaces.js';
import { makeAppPod } from './pod-factory.js';
import { podReady } from './util.js';

/** Pods by the uid of their controlling owner (one scan per namespace instead of one per RC). */
function podsByOwner(c: Cluster, ns: string): Map<string, KubeObject[]> {
  const map = new Map<string, KubeObject[]>();
  for (const p of c.list(ns, 'Pod')) {
    const ref = p.metadata.ownerReferences?.find((o) => o.controller);
    if (ref) map.set(ref.uid, [...(map.get(ref.uid) ?? []), p]);
  }
  return map;
}

/** The replication manager: keeps `spec.replicas` pods per RC and reports counts in its status. */
export const replicationController: Controller = (c) => {
  for (const ns of c.namespaceNames()) {
    if (c.ns(ns)!.project.status?.phase === 'Terminating') continue;
    const byOwner = podsByOwner(c, ns);
    for (const rc of c.list(ns, 'ReplicationController')) {
      const pods = byOwner.get(rc.metadata.uid ?? '') ?? [];
      const live = pods.filter((p) => !p.metadata.deletionTimestamp);
      const want = rc.spec?.replicas ?? 0;
      for (let i = live.length; i < want; i++) {
        const pod = c.add(ns, makeAppPod(c, rc));
        c.event(ns, rc, { reason: 'SuccessfulCreate', message: `Created pod: ${pod.metadata.name}`, component: 'replication-controller' });
        live.push(pod);
      }
      for (const pod of live.slice(want).reverse()) {
        deletePod(c, ns, pod.metadata.name, 3);
        c.event(ns, rc, { reason: 'SuccessfulDelete', message: `Deleted pod: ${pod.metadata.name}`, component: 'replication-controller' });
      }
      const current = c.list(ns, 'Pod').filter((p) => !p.metadata.deletionTimestamp && p.metadata.ownerReferences?.some((o) => o.uid === rc.metadata.uid && o.controller));
      const ready = current.filter(podReady).length;
      const status = {
        availableReplicas: ready,
        fullyLabeledReplicas: current.length,
        observedGeneration: rc.metadata.generation ?? 1,
        readyReplicas: ready,
        replicas: current.length,
      };
      if (JSON.stringify(status) !== JSON.stringify(rc.status)) {
        rc.status = status;
        c.touch(rc);
      }
    }
  }
};
