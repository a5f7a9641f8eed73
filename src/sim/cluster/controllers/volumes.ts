import type { Cluster } from '../model/cluster.js';
import type { KubeObject } from '../model/types.js';
import { nextRandom } from '../random.js';
import type { Controller } from './engine.js';
import { due, sec } from './util.js';

const UNITS: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, K: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** Bytes of a Kubernetes quantity (`1Gi`, `100Mi`). */
export function quantityBytes(q: string | undefined): number {
  const m = /^(\d+(?:\.\d+)?)([KMGT]i?)?$/.exec(q ?? '0');
  return m ? Number(m[1]) * (m[2] ? UNITS[m[2]] : 1) : 0;
}

function matches(pvc: KubeObject, pv: KubeObject): boolean {
  if (pv.status?.phase !== 'Available') return false;
  const want: string[] = pvc.spec?.accessModes ?? [];
  const have: string[] = pv.spec?.accessModes ?? [];
  if (!want.every((m) => have.includes(m))) return false;
  if ((pvc.spec?.storageClassName ?? '') !== (pv.spec?.storageClassName ?? '')) return false;
  return quantityBytes(pvc.spec?.resources?.requests?.storage) <= quantityBytes(pv.spec?.capacity?.storage);
}

function bind(c: Cluster, ns: string, pvc: KubeObject, pv: KubeObject): void {
  pv.spec.claimRef = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: pvc.metadata.name, namespace: ns, resourceVersion: pvc.metadata.resourceVersion, uid: pvc.metadata.uid };
  pv.status = { phase: 'Bound' };
  pv.metadata.annotations = { ...(pv.metadata.annotations ?? {}), 'pv.kubernetes.io/bound-by-controller': 'yes' };
  c.touch(pv);
  pvc.spec.volumeName = pv.metadata.name;
  pvc.metadata.annotations = { ...(pvc.metadata.annotations ?? {}), 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' };
  pvc.status = { phase: 'Bound', accessModes: pv.spec.accessModes, capacity: { storage: pv.spec.capacity.storage } };
  c.touch(pvc);
}

/** Releases the volumes bound to a namespace's claims (Recycle policy: wiped and Available again shortly after). */
export function releaseClaims(c: Cluster, ns: string, claim?: string): void {
  for (const pv of Object.values(c.state.pvs)) {
    const ref = pv.spec?.claimRef;
    if (!ref || ref.namespace !== ns || (claim !== undefined && ref.name !== claim)) continue;
    pv.status = { phase: 'Released' };
    pv.__sim = { ...(pv.__sim ?? {}), recycleAt: c.now + sec(8) };
    c.touch(pv);
  }
}

/** The persistent-volume controller: binds Pending claims to matching volumes and recycles released ones. */
export const volumeController: Controller = (c, faults) => {
  for (const pv of Object.values(c.state.pvs)) {
    if (pv.status?.phase !== 'Released' || !due(c, pv.__sim?.recycleAt)) continue;
    delete pv.spec.claimRef;
    pv.status = { phase: 'Available' };
    pv.__sim = { fresh: true };
    c.touch(pv);
  }
  const available = Object.values(c.state.pvs).filter((pv) => pv.status?.phase === 'Available');
  for (const ns of c.namespaceNames()) {
    for (const pvc of c.list(ns, 'PersistentVolumeClaim')) {
      if (pvc.status?.phase === 'Bound') continue;
      const s = (pvc.__sim ??= { retryAt: Date.parse(pvc.metadata.creationTimestamp ?? '') + sec(1) });
      if (!due(c, s.retryAt)) continue;
      const candidates = faults.pvcUnbound(ns, pvc.metadata.name) ? [] : available.filter((pv) => matches(pvc, pv));
      if (candidates.length > 0) {
        // The binder takes any of the equally sized hostPath volumes; a seeded draw keeps it identical in every process.
        const pv = candidates[Math.floor(nextRandom(c.state) * candidates.length)];
        available.splice(available.indexOf(pv), 1);
        bind(c, ns, pvc, pv);
        continue;
      }
      c.event(ns, pvc, { type: 'Warning', reason: 'FailedBinding', message: 'no persistent volumes available for this claim and no storage class is set', component: 'persistentvolume-controller' });
      s.retryAt = c.now + sec(15);
      c.wake(s.retryAt);
    }
  }
};
