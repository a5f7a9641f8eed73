import type { Cluster } from '../model/cluster.js';
import type { KubeObject } from '../model/types.js';
import { nextRandom } from '../random.js';
import { newPodSim } from '../controllers/pod-sim.js';

type Container = { image?: string; imagePullPolicy?: string; terminationMessagePath?: string; terminationMessagePolicy?: string; resources?: unknown };

function defaultContainer(c: Container): Container {
  const last = (c.image ?? '').split('/').pop() ?? '';
  const latest = !(c.image ?? '').includes('@') && (!last.includes(':') || last.endsWith(':latest'));
  return { imagePullPolicy: latest ? 'Always' : 'IfNotPresent', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', ...c };
}

function defaultPodTemplate(spec: Record<string, unknown> | undefined): Record<string, unknown> {
  const s = spec ?? {};
  return {
    dnsPolicy: 'ClusterFirst',
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    terminationGracePeriodSeconds: 30,
    ...s,
    containers: ((s.containers ?? []) as Container[]).map(defaultContainer),
    ...(s.initContainers ? { initContainers: (s.initContainers as Container[]).map(defaultContainer) } : {}),
  };
}

function deploymentConfig(o: KubeObject): void {
  const spec = (o.spec ??= {});
  const strategy = (spec.strategy ??= {});
  strategy.type ??= 'Rolling';
  const rollingDefaults = { intervalSeconds: 1, maxSurge: '25%', maxUnavailable: '25%', timeoutSeconds: 600, updatePeriodSeconds: 1 };
  if (strategy.type === 'Rolling') strategy.rollingParams = { ...rollingDefaults, ...(strategy.rollingParams ?? {}) };
  if (strategy.type === 'Recreate') strategy.recreateParams = { timeoutSeconds: 600, ...(strategy.recreateParams ?? {}) };
  strategy.activeDeadlineSeconds ??= 21600;
  strategy.resources ??= {};
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  spec.test ??= false;
  spec.triggers ??= [{ type: 'ConfigChange' }];
  spec.template = { ...(spec.template ?? {}), spec: defaultPodTemplate(spec.template?.spec) };
  o.metadata.generation = 1;
  o.status = { availableReplicas: 0, latestVersion: 0, observedGeneration: 0, replicas: 0, unavailableReplicas: 0, updatedReplicas: 0 };
}

/** Server-side defaulting and status reset of a new object (what the API server stores, not what was sent). */
export function applyDefaults(c: Cluster, ns: string, o: KubeObject): void {
  for (const k of ['uid', 'resourceVersion', 'creationTimestamp', 'selfLink', 'generation', 'deletionTimestamp']) delete o.metadata[k];
  delete o.status;
  switch (o.kind) {
    case 'Secret': {
      const data: Record<string, string> = { ...(o.data ?? {}) };
      for (const [k, v] of Object.entries((o.stringData ?? {}) as Record<string, string>)) data[k] = Buffer.from(String(v ?? '')).toString('base64');
      delete o.stringData;
      o.data = data;
      o.type ??= 'Opaque';
      break;
    }
    case 'Service': {
      const spec = (o.spec ??= {});
      if (spec.clusterIP !== 'None') spec.clusterIP ??= `172.30.${Math.floor(nextRandom(c.state) * 255)}.${1 + Math.floor(nextRandom(c.state) * 253)}`;
      spec.type ??= 'ClusterIP';
      spec.sessionAffinity ??= 'None';
      spec.ports = ((spec.ports ?? []) as Array<Record<string, unknown>>).map((p) => ({ protocol: 'TCP', targetPort: p.port, ...p }));
      o.status = { loadBalancer: {} };
      break;
    }
    case 'Route': {
      const spec = (o.spec ??= {});
      spec.host ??= `${o.metadata.name}-${ns}.${c.state.vm.ip}.nip.io`;
      spec.to = { kind: 'Service', weight: 100, ...(spec.to ?? {}) };
      spec.wildcardPolicy ??= 'None';
      o.status = {};
      break;
    }
    case 'PersistentVolumeClaim':
      if (o.spec?.storageClassName === null) delete o.spec.storageClassName;
      o.status = { phase: 'Pending' };
      break;
    case 'DeploymentConfig':
      deploymentConfig(o);
      break;
    case 'ImageStream':
      o.metadata.generation = 1;
      o.spec = { lookupPolicy: { local: false }, ...(o.spec ?? {}) };
      o.spec.tags = ((o.spec.tags ?? []) as Array<Record<string, unknown>>).map((t) => ({ ...t, generation: t.generation ?? 1 }));
      for (const t of o.spec.tags as Array<{ referencePolicy?: { type?: string } }>) if (!t.referencePolicy?.type) t.referencePolicy = { type: 'Source' };
      o.status = { dockerImageRepository: `172.30.1.1:5000/${ns}/${o.metadata.name}` };
      break;
    case 'Pod':
      o.spec = defaultPodTemplate(o.spec);
      o.status = { phase: 'Pending', qosClass: 'BestEffort' };
      o.__sim = newPodSim(o, 'app', c.now);
      break;
    case 'ReplicationController':
      o.status = { replicas: 0 };
      break;
    default:
      break;
  }
}
