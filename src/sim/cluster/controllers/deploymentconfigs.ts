import { isoSeconds } from '../clock.js';
import type { Cluster } from '../model/cluster.js';
import type { KubeObject } from '../model/types.js';
import type { Controller } from './engine.js';
import { resolvedTag } from './imagestreams.js';
import { makeReplicationController } from './pod-factory.js';

type Trigger = { type: string; imageChangeParams?: { automatic?: boolean; containerNames?: string[]; from: { name: string; namespace?: string }; lastTriggeredImage?: string } };
type Condition = { type: string; status: string; reason?: string; message: string; lastTransitionTime: string; lastUpdateTime: string };

/** The RCs of a DC, oldest first. */
export function dcReplicationControllers(c: Cluster, ns: string, dc: string): KubeObject[] {
  return c
    .list(ns, 'ReplicationController')
    .filter((rc) => rc.metadata.annotations?.['openshift.io/deployment-config.name'] === dc)
    .sort((a, b) => Number(a.metadata.annotations?.['openshift.io/deployment-config.latest-version']) - Number(b.metadata.annotations?.['openshift.io/deployment-config.latest-version']));
}

/** The deployment phase annotation of an RC. */
export const rcPhase = (rc: KubeObject | undefined): string | undefined => rc?.metadata.annotations?.['openshift.io/deployment.phase'];

/** Starts version `version` of a DC: records the cause and creates its ReplicationController. */
export function instantiate(c: Cluster, ns: string, dc: KubeObject, version: number, message: string, causes: unknown[]): KubeObject {
  dc.status = { ...(dc.status ?? {}), latestVersion: version, details: { message, causes } };
  c.touch(dc);
  const rc = c.add(ns, makeReplicationController(dc, version));
  c.event(ns, dc, { reason: 'DeploymentCreated', message: `Created new replication controller "${rc.metadata.name}" for version ${version}`, component: 'deploymentconfig-controller' });
  return rc;
}

/** Copies resolved ImageStreamTags into the pod template (origin's image trigger controller). */
function resolveTriggers(c: Cluster, ns: string, dc: KubeObject): void {
  for (const t of (dc.spec?.triggers ?? []) as Trigger[]) {
    const p = t.imageChangeParams;
    if (t.type !== 'ImageChange' || !p || p.automatic === false) continue;
    const image = resolvedTag(c, p.from.namespace ?? ns, p.from.name);
    if (!image || p.lastTriggeredImage === image) continue;
    const previous = p.lastTriggeredImage;
    p.lastTriggeredImage = image;
    const spec = dc.spec.template?.spec ?? {};
    for (const container of [...(spec.initContainers ?? []), ...(spec.containers ?? [])] as Array<{ name: string; image: string }>) {
      if (p.containerNames?.includes(container.name)) container.image = image;
    }
    dc.metadata.generation = (dc.metadata.generation ?? 1) + 1;
    c.touch(dc);
    const latest = dc.status?.latestVersion ?? 0;
    if (previous && latest > 0) {
      const phase = rcPhase(c.get(ns, 'ReplicationController', `${dc.metadata.name}-${latest}`));
      if (phase === 'Complete' || phase === 'Failed') instantiate(c, ns, dc, latest + 1, 'image change', [{ type: 'ImageChange', imageTrigger: { from: { kind: 'ImageStreamTag', name: p.from.name } } }]);
    }
  }
}

/** The initial rollout waits for every image trigger and never deploys a blank image. */
function maybeInstantiate(c: Cluster, ns: string, dc: KubeObject): void {
  const triggers = (dc.spec?.triggers ?? []) as Trigger[];
  const imageTriggers = triggers.filter((t) => t.type === 'ImageChange' && t.imageChangeParams?.automatic !== false);
  const hasConfig = triggers.some((t) => t.type === 'ConfigChange');
  if (!hasConfig && imageTriggers.length === 0) return;
  if (!imageTriggers.every((t) => t.imageChangeParams?.lastTriggeredImage)) return;
  const spec = dc.spec.template?.spec ?? {};
  const blank = [...(spec.initContainers ?? []), ...(spec.containers ?? [])].some((x: { image?: string }) => !x.image || x.image.trim() === '');
  if (blank) return;
  instantiate(c, ns, dc, 1, hasConfig ? 'config change' : 'image change', [{ type: hasConfig ? 'ConfigChange' : 'ImageChange' }]);
}

function progressing(rc: KubeObject | undefined): Omit<Condition, 'lastTransitionTime' | 'lastUpdateTime'> | undefined {
  if (!rc) return undefined;
  const n = rc.metadata.name;
  switch (rcPhase(rc)) {
    case 'New':
      return { type: 'Progressing', status: 'True', reason: 'NewReplicationControllerCreated', message: `Created new replication controller "${n}" for version ${rc.metadata.annotations?.['openshift.io/deployment-config.latest-version']}` };
    case 'Pending':
      return { type: 'Progressing', status: 'Unknown', message: `replication controller "${n}" is waiting for pod "${n}-deploy" to run` };
    case 'Running':
      return { type: 'Progressing', status: 'True', reason: 'ReplicationControllerUpdated', message: `replication controller "${n}" is progressing` };
    case 'Complete':
      return { type: 'Progressing', status: 'True', reason: 'NewReplicationControllerAvailable', message: `replication controller "${n}" successfully rolled out` };
    case 'Failed':
      return rc.metadata.annotations?.['openshift.io/deployment.cancelled'] === 'true'
        ? { type: 'Progressing', status: 'False', reason: 'RolloutCancelled', message: `rollout of replication controller "${n}" was cancelled` }
        : { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: `replication controller "${n}" has failed progressing` };
    default:
      return undefined;
  }
}

function maxUnavailable(dc: KubeObject): number {
  const raw = dc.spec?.strategy?.rollingParams?.maxUnavailable;
  const replicas = dc.spec?.replicas ?? 1;
  if (dc.spec?.strategy?.type === 'Recreate' || raw === undefined) return dc.spec?.strategy?.type === 'Recreate' ? 0 : Math.floor(replicas * 0.25);
  return typeof raw === 'string' && raw.endsWith('%') ? Math.floor((replicas * Number(raw.slice(0, -1))) / 100) : Number(raw);
}

function updateStatus(c: Cluster, ns: string, dc: KubeObject): void {
  const rcs = dcReplicationControllers(c, ns, dc.metadata.name);
  const latestVersion = dc.status?.latestVersion ?? 0;
  const latest = rcs.find((rc) => rc.metadata.name === `${dc.metadata.name}-${latestVersion}`);
  const sum = (f: (rc: KubeObject) => number): number => rcs.reduce((n, rc) => n + f(rc), 0);
  const replicas = sum((rc) => rc.status?.replicas ?? 0);
  const available = sum((rc) => rc.status?.availableReplicas ?? 0);
  const wanted = dc.spec?.replicas ?? 1;
  const old = (dc.status?.conditions ?? []) as Condition[];
  const cond = (c0: Omit<Condition, 'lastTransitionTime' | 'lastUpdateTime'>): Condition => {
    const prev = old.find((x) => x.type === c0.type);
    const ts = isoSeconds(c.now);
    const sameStatus = prev && prev.status === c0.status;
    const same = sameStatus && prev.reason === c0.reason && prev.message === c0.message;
    return { ...c0, lastTransitionTime: sameStatus ? prev.lastTransitionTime : ts, lastUpdateTime: same ? prev.lastUpdateTime : ts } as Condition;
  };
  const availableOk = latestVersion > 0 && available >= wanted - maxUnavailable(dc) && wanted > 0;
  const conditions = [cond(availableOk ? { type: 'Available', status: 'True', message: 'Deployment config has minimum availability.' } : { type: 'Available', status: 'False', message: 'Deployment config does not have minimum availability.' })];
  const prog = progressing(latest);
  if (prog) conditions.push(cond(prog));
  const status = {
    ...(dc.status ?? {}),
    availableReplicas: available,
    conditions,
    latestVersion,
    observedGeneration: dc.metadata.generation ?? 1,
    readyReplicas: sum((rc) => rc.status?.readyReplicas ?? 0),
    replicas,
    unavailableReplicas: Math.max(0, replicas - available),
    updatedReplicas: latest?.status?.replicas ?? 0,
  };
  if (JSON.stringify(status) !== JSON.stringify(dc.status)) {
    dc.status = status;
    c.touch(dc);
  }
}

/** The DeploymentConfig controller: image triggers, initial rollouts and status/conditions. */
export const deploymentConfigController: Controller = (c) => {
  for (const ns of c.namespaceNames()) {
    for (const dc of c.list(ns, 'DeploymentConfig')) {
      if (dc.metadata.deletionTimestamp) continue;
      resolveTriggers(c, ns, dc);
      if ((dc.status?.latestVersion ?? 0) === 0) maybeInstantiate(c, ns, dc);
      updateStatus(c, ns, dc);
    }
  }
};
