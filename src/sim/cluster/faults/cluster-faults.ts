import type { StoredFault } from './types.js';

type PodFault = Extract<StoredFault, { kind: 'pod' }>;
type HookFault = Extract<StoredFault, { kind: 'hook' }>;

/** What the controllers ask about injected faults; a snapshot of the fault stores taken by the running process. */
export interface ClusterFaults {
  /** The pod fault affecting a container of a DC's pods, if any. */
  pod(ns: string, dc: string, container: string): PodFault | undefined;
  /** True when the PVC must stay unbound. */
  pvcUnbound(ns: string, claim: string): boolean;
  /** True when the import of an ImageStream tag must fail. */
  importFails(ns: string, imagestream: string, tag: string): boolean;
  /** The hook fault of a DC hook, if any (its `failures` budget is counted in the cluster state). */
  hook(ns: string, dc: string, hook: string): HookFault | undefined;
}

const inProject = (f: { project?: string }, ns: string): boolean => f.project === undefined || f.project === ns;

/** Builds the controller view of a fault list. */
export function clusterFaults(faults: readonly StoredFault[]): ClusterFaults {
  return {
    pod: (ns, dc, container) =>
      faults.find((f): f is PodFault => f.kind === 'pod' && f.dc === dc && inProject(f, ns) && (f.container === undefined || f.container === container)),
    pvcUnbound: (ns, claim) => faults.some((f) => f.kind === 'pvc' && f.claim === claim && inProject(f, ns)),
    importFails: (ns, is, tag) =>
      faults.some((f) => f.kind === 'import' && f.imagestream === is && (f.tag === undefined || f.tag === tag) && inProject(f, ns)),
    hook: (ns, dc, hook) => faults.find((f): f is HookFault => f.kind === 'hook' && f.dc === dc && f.hook === hook && inProject(f, ns)),
  };
}

/** No faults at all. */
export const NO_FAULTS: ClusterFaults = clusterFaults([]);
