import type { StepContext } from '../shared/plan.js';

/** What a platform's last step returns: where the cluster is (the plan's `cluster` output). */
export interface ClusterInfo {
  /** The VM / router IP (IPv4). */
  ip: string;
  /** API server URL. */
  server?: string;
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
