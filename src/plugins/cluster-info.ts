import type { StepContext } from '../shared/plan.js';

/** What a platform's last step returns: where the cluster is (the plan's `cluster` output). */
export interface ClusterInfo {
  /** The VM / router IP (IPv4). */
  ip: string;
  /** API server URL. */
  server?: string;
  /** The cluster's own kubeconfig (a Minishift profile's), which every later step's `oc` calls use. */
  kubeconfig?: string;
}

/** The session (kubeconfig) the steps after the platform's run their `oc` calls in, if the platform gave one. */
export function clusterSession(outputs: Readonly<Record<string, unknown>>): { kubeconfig: string } | undefined {
  const kubeconfig = (outputs.cluster as ClusterInfo | undefined)?.kubeconfig;
  return kubeconfig ? { kubeconfig } : undefined;
}

/** The cluster info a platform step provided (steps of the install method read it). */
export function clusterInfo(ctx: StepContext): ClusterInfo {
  const info = ctx.outputs.cluster as ClusterInfo | undefined;
  if (!info?.ip) throw new Error('no platform step provided the cluster address (output "cluster")');
  return info;
}

/** WILDCARD_DOMAIN: the spec's, else `<cluster ip>.nip.io` (what Minishift's router suffix is). */
export function wildcardDomain(ctx: StepContext): string {
  return ctx.spec.threescale.wildcardDomain ?? `${clusterInfo(ctx).ip}.nip.io`;
}
