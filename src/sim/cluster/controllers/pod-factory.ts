import type { Cluster } from '../model/cluster.js';
import type { KubeObject } from '../model/types.js';
import { randomSuffix } from '../random.js';
import { newPodSim } from './pod-sim.js';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function owner(obj: KubeObject): NonNullable<KubeObject['metadata']['ownerReferences']>[number] {
  return { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name, uid: obj.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/** BestEffort without any request or limit, else Burstable (Guaranteed needs limits = requests everywhere). */
function qosClass(spec: { containers?: Array<{ resources?: { requests?: object; limits?: object } }> } | undefined): string {
  const resources = (spec?.containers ?? []).map((x) => x.resources ?? {});
  return resources.some((r) => Object.keys(r.requests ?? {}).length || Object.keys(r.limits ?? {}).length) ? 'Burstable' : 'BestEffort';
}

/** Defaults the API server and admission (restricted SCC) add to every pod spec. */
function podSpecDefaults(spec: Record<string, unknown>, serviceAccount: string): Record<string, unknown> {
  return {
    dnsPolicy: 'ClusterFirst',
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: { fsGroup: 1000100000, seLinuxOptions: { level: 's0:c10,c5' } },
    terminationGracePeriodSeconds: 30,
    ...spec,
    serviceAccount: serviceAccount,
    serviceAccountName: serviceAccount,
    priority: 0,
  };
}

/** The ReplicationController of version `version` of a DC (the deployer scales it up). */
export function makeReplicationController(dc: KubeObject, version: number): KubeObject {
  const name = `${dc.metadata.name}-${version}`;
  const dcName = dc.metadata.name;
  const template = clone(dc.spec.template ?? {});
  const labels = { ...(template.metadata?.labels ?? {}), deployment: name, deploymentconfig: dcName };
  return {
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: {
      name,
      labels: { ...(dc.metadata.labels ?? {}), 'openshift.io/deployment-config.name': dcName },
      annotations: {
        'openshift.io/deployer-pod.name': `${name}-deploy`,
        'openshift.io/deployment-config.latest-version': String(version),
        'openshift.io/deployment-config.name': dcName,
        'openshift.io/deployment.phase': 'New',
        'openshift.io/deployment.replicas': '',
      },
      ownerReferences: [owner(dc)],
    },
    spec: {
      replicas: 0,
      selector: { ...(dc.spec.selector ?? {}), deployment: name, deploymentconfig: dcName },
      template: {
        metadata: {
          ...(template.metadata ?? {}),
          labels,
          annotations: {
            ...(template.metadata?.annotations ?? {}),
            'openshift.io/deployment-config.latest-version': String(version),
            'openshift.io/deployment-config.name': dcName,
            'openshift.io/deployment.name': name,
          },
        },
        spec: template.spec,
      },
    },
    status: { replicas: 0 },
  };
}

/** A pod of an RC (`<rc>-<5 chars>`). */
export function makeAppPod(c: Cluster, rc: KubeObject): KubeObject {
  const t = clone(rc.spec.template);
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${rc.metadata.name}-${randomSuffix(c.state)}`,
      generateName: `${rc.metadata.name}-`,
      labels: t.metadata?.labels ?? {},
      annotations: { ...(t.metadata?.annotations ?? {}), 'openshift.io/scc': 'restricted' },
      ownerReferences: [owner(rc)],
    },
    spec: podSpecDefaults(t.spec ?? {}, t.spec?.serviceAccountName ?? 'default'),
    status: { phase: 'Pending', qosClass: qosClass(t.spec) },
  };
  pod.__sim = newPodSim(pod, 'app', c.now);
  return pod;
}

/** The deployer pod `<rc>-deploy` that runs a rollout. */
export function makeDeployerPod(c: Cluster, ns: string, rc: KubeObject): KubeObject {
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${rc.metadata.name}-deploy`,
      labels: { 'openshift.io/deployer-pod-for.name': rc.metadata.name },
      annotations: { 'openshift.io/deployment.name': rc.metadata.name, 'openshift.io/scc': 'restricted' },
      ownerReferences: [{ ...owner(rc), controller: false }],
    },
    spec: podSpecDefaults(
      {
        activeDeadlineSeconds: 21600,
        containers: [
          {
            name: 'deployment',
            image: 'openshift/origin-deployer:v3.11.0',
            imagePullPolicy: 'IfNotPresent',
            env: [
              { name: 'OPENSHIFT_DEPLOYMENT_NAME', value: rc.metadata.name },
              { name: 'OPENSHIFT_DEPLOYMENT_NAMESPACE', value: ns },
            ],
          },
        ],
        restartPolicy: 'Never',
        terminationGracePeriodSeconds: 10,
      },
      'deployer',
    ),
    status: { phase: 'Pending', qosClass: 'BestEffort' },
  };
  pod.__sim = newPodSim(pod, 'deployer', c.now);
  return pod;
}

/** The lifecycle hook pod `<rc>-hook-<pre|mid|post>` (origin lifecycle.go: container `lifecycle`). */
export function makeHookPod(c: Cluster, rc: KubeObject, hookType: string, hook: { failurePolicy: string; execNewPod?: Record<string, unknown> }): KubeObject {
  const exec = (hook.execNewPod ?? {}) as { containerName?: string; command?: string[]; env?: Array<{ name: string }>; volumes?: string[] };
  const spec = rc.spec.template.spec;
  const base = (spec.containers as Array<Record<string, unknown> & { name: string; env?: Array<{ name: string }> }>).find((x) => x.name === exec.containerName) ?? spec.containers[0];
  const overrides = new Set((exec.env ?? []).map((e) => e.name));
  const env = [...(base.env ?? []).filter((e: { name: string }) => !overrides.has(e.name)), ...(exec.env ?? [])];
  const volumes = ((spec.volumes ?? []) as Array<{ name: string }>).filter((v) => (exec.volumes ?? []).includes(v.name));
  const mounts = ((base.volumeMounts ?? []) as Array<{ name: string }>).filter((m) => (exec.volumes ?? []).includes(m.name));
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${rc.metadata.name}-hook-${hookType}`,
      labels: { 'openshift.io/deployer-pod-for.name': rc.metadata.name, 'openshift.io/deployer-pod.type': `hook-${hookType}` },
      annotations: { 'openshift.io/deployment.name': rc.metadata.name, 'openshift.io/scc': 'restricted' },
      ownerReferences: [{ ...owner(rc), controller: false }],
    },
    spec: podSpecDefaults(
      {
        activeDeadlineSeconds: 21600,
        // The hook container takes the base container's resources (origin lifecycle.go).
        containers: [{ name: 'lifecycle', image: base.image, command: exec.command, env, resources: base.resources ?? {}, volumeMounts: mounts, imagePullPolicy: base.imagePullPolicy ?? 'IfNotPresent' }],
        volumes,
        restartPolicy: hook.failurePolicy === 'Retry' ? 'OnFailure' : 'Never',
      },
      spec.serviceAccountName ?? 'default',
    ),
    status: { phase: 'Pending', qosClass: 'BestEffort' },
  };
  pod.__sim = { ...newPodSim(pod, 'hook', c.now), hook: hookType };
  return pod;
}
