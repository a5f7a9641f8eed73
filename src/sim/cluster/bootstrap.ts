import { Cluster } from './model/cluster.js';
import type { KubeObject, ProfileState, VmState } from './model/types.js';
import { certFingerprint } from './cli/context.js';
import { createProject } from './api/projects.js';

/** The projects `oc cluster up` (3.11) leaves behind, in the order the server lists them. */
export const CLUSTER_UP_PROJECTS = [
  'default',
  'kube-dns',
  'kube-proxy',
  'kube-public',
  'kube-system',
  'myproject',
  'openshift',
  'openshift-apiserver',
  'openshift-controller-manager',
  'openshift-core-operators',
  'openshift-infra',
  'openshift-node',
  'openshift-service-cert-signer',
  'openshift-web-console',
];

/** Images the node already has after cluster up (the deployer is never pulled during an install). */
const PRESENT_IMAGES = ['openshift/origin-control-plane:v3.11.0', 'openshift/origin-deployer:v3.11.0', 'openshift/origin-pod:v3.11.0', 'openshift/origin-docker-registry:v3.11.0', 'openshift/origin-haproxy-router:v3.11.0'];

function persistentVolume(c: Cluster, i: number): KubeObject {
  const name = `pv${String(i).padStart(4, '0')}`;
  const pv: KubeObject = {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, labels: { volume: name } },
    spec: {
      accessModes: ['ReadWriteOnce', 'ReadWriteMany', 'ReadOnlyMany'],
      capacity: { storage: '100Gi' },
      hostPath: { path: `/var/lib/minishift/base/openshift.local.pv/${name}`, type: '' },
      persistentVolumeReclaimPolicy: 'Recycle',
    },
    status: { phase: 'Available' },
    __sim: { fresh: true },
  };
  c.stamp(pv, undefined);
  return pv;
}

/** Options of a freshly created VM. */
export interface NewVmOptions {
  profile: string;
  ip: string;
  memory: string;
  cpus: number;
  diskSize: string;
  driver: string;
  kube: VmState['kube'];
  /** Simulated (and wall-clock) instant the cluster came up. */
  now: number;
  seed: number;
}

/** The state of a new VM right after `oc cluster up`: default projects and the 100 hostPath volumes. */
export function newProfileState(o: NewVmOptions): ProfileState {
  const state: ProfileState = {
    version: 1,
    profile: o.profile,
    vm: {
      status: 'Running',
      openshift: 'Running',
      ip: o.ip,
      memory: o.memory,
      cpus: o.cpus,
      diskSize: o.diskSize,
      driver: o.driver,
      adminCert: certFingerprint(o.kube.adminCert),
      kube: o.kube,
      tokens: { [o.kube.developerToken]: 'developer' },
      images: {},
      createdAt: o.now,
    },
    clock: { real: o.now, sim: o.now, running: true },
    rv: 1000,
    rng: o.seed >>> 0,
    podIp: 0,
    namespaces: {},
    pvs: {},
    counters: {},
  };
  for (const image of PRESENT_IMAGES) state.vm.images[image] = o.now;
  const c = new Cluster(state, o.now);
  for (const name of CLUSTER_UP_PROJECTS) {
    const requester = name === 'myproject' ? 'developer' : 'system:admin';
    createProject(c, name, requester, name === 'myproject' ? 'My Project' : '');
  }
  for (let i = 1; i <= 100; i++) {
    const pv = persistentVolume(c, i);
    state.pvs[pv.metadata.name] = pv;
  }
  return state;
}
