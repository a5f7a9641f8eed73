import type { Cluster } from '../model/cluster.js';
import type { KubeObject } from '../model/types.js';
import { parseSizeMb } from '../minishift/texts.js';
import { podSim } from './pod-sim.js';
import { quantityBytes } from './volumes.js';

/**
 * What `oc cluster up`'s own pods (router, registry, web console, API server, DNS, service-cert-signer …) request from
 * the node: an approximation; the 3scale eval templates request nothing, amp.yml requests ≈ 3.35 CPU / 5.6 GiB.
 */
const INFRA = { milliCpu: 600, bytes: 1024 * 2 ** 20 };

const milli = (q: string | number | undefined): number => {
  if (q === undefined) return 0;
  const s = String(q);
  return s.endsWith('m') ? Number(s.slice(0, -1)) : Number(s) * 1000;
};

type Res = { milliCpu: number; bytes: number };
type Container = { resources?: { requests?: { cpu?: string; memory?: string } } };

/** A pod's effective request: the sum of its containers, or the largest init container if that is larger. */
export function podRequests(pod: KubeObject): Res {
  const of = (c: Container): Res => ({ milliCpu: milli(c.resources?.requests?.cpu), bytes: quantityBytes(c.resources?.requests?.memory) });
  const mains = ((pod.spec?.containers ?? []) as Container[]).map(of).reduce((a, b) => ({ milliCpu: a.milliCpu + b.milliCpu, bytes: a.bytes + b.bytes }), { milliCpu: 0, bytes: 0 });
  for (const init of ((pod.spec?.initContainers ?? []) as Container[]).map(of)) {
    mains.milliCpu = Math.max(mains.milliCpu, init.milliCpu);
    mains.bytes = Math.max(mains.bytes, init.bytes);
  }
  return mains;
}

/** The scheduler's verdict for a pod on the single node, or undefined when it fits (`0/1 nodes are available: …`). */
export function insufficientResources(c: Cluster, pod: KubeObject): string | undefined {
  const want = podRequests(pod);
  if (want.milliCpu === 0 && want.bytes === 0) return undefined;
  const used = { milliCpu: INFRA.milliCpu, bytes: INFRA.bytes };
  for (const ns of c.namespaceNames()) {
    for (const p of c.list(ns, 'Pod')) {
      const s = podSim(p);
      if (p === pod || !s || s.scheduledAt === undefined || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
      const r = podRequests(p);
      used.milliCpu += r.milliCpu;
      used.bytes += r.bytes;
    }
  }
  const reasons: string[] = [];
  if (used.milliCpu + want.milliCpu > c.state.vm.cpus * 1000) reasons.push('1 Insufficient cpu');
  if (used.bytes + want.bytes > (parseSizeMb(c.state.vm.memory) ?? 4096) * 2 ** 20) reasons.push('1 Insufficient memory');
  return reasons.length ? `0/1 nodes are available: ${reasons.join(', ')}.` : undefined;
}
