import { isoSeconds } from '../clock.js';
import type { Cluster } from '../model/cluster.js';
import type { Controller } from './engine.js';
import { releaseClaims } from './volumes.js';
import { podSim } from './pod-sim.js';
import { due, sec } from './util.js';

/** Namespace finalization takes a while: a base plus a little per object (tens of seconds for a 3scale project). */
function terminationSeconds(c: Cluster, ns: string): number {
  const objects = Object.values(c.ns(ns)?.objects ?? {}).reduce((n, bucket) => n + Object.keys(bucket).length, 0);
  return Math.min(60, 12 + objects * 0.3);
}

/** Starts deleting a project: Terminating now, gone (with every object) after the modelled finalization. */
export function terminateProject(c: Cluster, ns: string): void {
  const space = c.ns(ns);
  if (!space || space.project.status?.phase === 'Terminating') return;
  const p = space.project;
  p.metadata.deletionTimestamp = isoSeconds(c.now);
  p.status = { phase: 'Terminating' };
  p.__sim = { goneAt: c.now + sec(terminationSeconds(c, ns)) };
  c.touch(p);
  for (const pod of c.list(ns, 'Pod')) deletePod(c, pod.metadata.namespace ?? ns, pod.metadata.name, 5);
}

/** Marks a pod for deletion: Terminating for its grace period, then removed by the kubelet. */
export function deletePod(c: Cluster, ns: string, name: string, graceSeconds = 3): void {
  const pod = c.get(ns, 'Pod', name);
  if (!pod || pod.metadata.deletionTimestamp) return;
  const s = podSim(pod);
  const finished = s?.containers.every((x) => x.phase === 'exited' || x.phase === 'new');
  const grace = finished ? 0 : graceSeconds;
  pod.metadata.deletionTimestamp = isoSeconds(c.now + sec(grace));
  pod.metadata.deletionGracePeriodSeconds = grace;
  if (s) s.deleteAt = c.now + sec(grace);
  c.touch(pod);
}

/** Removes namespaces whose finalization is over (their claims release their volumes). */
export const namespaceController: Controller = (c) => {
  for (const name of c.namespaceNames()) {
    const p = c.ns(name)!.project;
    if (p.status?.phase !== 'Terminating') continue;
    if (!due(c, p.__sim?.goneAt)) continue;
    releaseClaims(c, name);
    delete c.state.namespaces[name];
    c.dirty = true;
  }
};
