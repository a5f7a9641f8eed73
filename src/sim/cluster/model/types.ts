/**
 * Loose shapes of the Kubernetes/OpenShift objects the simulator stores. Objects are kept in their API (JSON) form so
 * `oc get -o json` prints them as-is; only the fields the simulator reads are typed.
 */

/** Any JSON value. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** `metadata` of an API object. */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string | null;
  deletionTimestamp?: string;
  generation?: number;
  generateName?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: Array<{ apiVersion: string; kind: string; name: string; uid: string; controller?: boolean; blockOwnerDeletion?: boolean }>;
  selfLink?: string;
  [key: string]: unknown;
}

/** An API object: apiVersion, kind, metadata plus anything else. `__sim` holds simulator bookkeeping, never printed. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- API objects are free-form JSON; controllers narrow locally.
  [key: string]: any;
}

/** One namespace (project) with its objects, keyed by kind then name. */
export interface NamespaceState {
  project: KubeObject;
  /** kind → name → object (Pods, DeploymentConfigs, Events …). */
  objects: Record<string, Record<string, KubeObject>>;
}

/** The simulated VM of one minishift profile. */
export interface VmState {
  status: 'Running' | 'Stopped';
  ip: string;
  memory: string;
  cpus: number;
  diskSize: string;
  driver: string;
  /** Fingerprint of the system:admin client certificate minishift wrote into the kubeconfig. */
  adminCert: string;
  /** Whether the origin container (the OpenShift cluster inside the VM) runs. */
  openshift: 'Running' | 'Stopped';
  /** The credentials minishift writes into kubeconfigs (re-written on every start). */
  kube: { adminCert: string; adminKey: string; caData: string; developerToken: string };
  /** Bearer tokens issued by `oc login`, token → user. */
  tokens: Record<string, string>;
  /** Images present on the node: image → sim time the pull finished. */
  images: Record<string, number>;
  createdAt: number;
}

/** The simulated clock: sim time advances from the last stamp at AMP_SIM_SPEED while the VM runs. */
export interface ClockState {
  /** Wall-clock ms of the stamp. */
  real: number;
  /** Simulated ms at the stamp. */
  sim: number;
  /** False while the VM is stopped: the cluster does not age. */
  running: boolean;
}

/** Everything one profile persists in `profiles/<profile>/state.json`. */
export interface ProfileState {
  version: 1;
  profile: string;
  vm: VmState;
  clock: ClockState;
  /** Monotonic resourceVersion counter. */
  rv: number;
  /** Seeded PRNG state so object names are identical whichever process advances the state. */
  rng: number;
  /** Pod IP counter. */
  podIp: number;
  namespaces: Record<string, NamespaceState>;
  /** Cluster-scoped PersistentVolumes by name. */
  pvs: Record<string, KubeObject>;
  /** Cross-object controller bookkeeping (hook failure budgets consumed by faults, …). */
  counters: Record<string, number>;
}
