import type { Cluster } from '../model/cluster.js';
import type { KubeObject } from '../model/types.js';
import type { Controller } from './engine.js';
import { dcReplicationControllers, rcPhase } from './deploymentconfigs.js';
import { strategyHook } from './hooks.js';
import { deletePod } from './namespaces.js';
import { makeDeployerPod, makeHookPod } from './pod-factory.js';
import { podSim } from './pod-sim.js';
import { due, podReady, sec } from './util.js';

/** Where a running rollout is (kept on the RC's `__sim`). */
interface Rollout {
  step: 'start' | 'pre' | 'scale-down' | 'scale' | 'wait' | 'mid' | 'post' | 'done';
  hookRestarts?: number;
  waitUntil?: number;
  previous?: string;
}

const setPhase = (c: Cluster, rc: KubeObject, phase: string): void => {
  rc.metadata.annotations = { ...(rc.metadata.annotations ?? {}), 'openshift.io/deployment.phase': phase };
  c.touch(rc);
};

function deployerLog(c: Cluster, ns: string, rc: KubeObject, line: string): void {
  const pod = c.get(ns, 'Pod', `${rc.metadata.name}-deploy`);
  if (pod) podSim(pod).containers[0].logs.push(line);
}

const readyPods = (c: Cluster, ns: string, rc: KubeObject): number =>
  c.list(ns, 'Pod').filter((p) => p.metadata.ownerReferences?.some((o) => o.uid === rc.metadata.uid && o.controller) && podReady(p)).length;

const livePods = (c: Cluster, ns: string, rc: KubeObject): number =>
  c.list(ns, 'Pod').filter((p) => p.metadata.ownerReferences?.some((o) => o.uid === rc.metadata.uid && o.controller)).length;

function finish(c: Cluster, ns: string, dc: KubeObject, rc: KubeObject, ok: boolean, reason?: string): void {
  const r = rc.__sim.rollout as Rollout;
  r.step = 'done';
  const deployer = c.get(ns, 'Pod', `${rc.metadata.name}-deploy`);
  if (ok) deployerLog(c, ns, rc, '--> Success');
  else if (reason) deployerLog(c, ns, rc, `error: ${reason}`);
  if (deployer) podSim(deployer).exit = { code: ok ? 0 : 1, at: c.now };
  setPhase(c, rc, ok ? 'Complete' : 'Failed');
  if (ok) {
    rc.__sim.cleanupAt = c.now + sec(1);
    for (const old of dcReplicationControllers(c, ns, dc.metadata.name)) {
      if (old !== rc && (old.spec?.replicas ?? 0) > 0) {
        old.spec.replicas = 0;
        c.touch(old);
      }
    }
    return;
  }
  if (reason) rc.metadata.annotations!['openshift.io/deployment.status-reason'] = reason;
  // A failed rollout scales its RC down; with an earlier complete rollout the DC rolls back to it.
  rc.spec.replicas = 0;
  const previous = dcReplicationControllers(c, ns, dc.metadata.name).filter((x) => x !== rc && rcPhase(x) === 'Complete').pop();
  if (previous && previous.spec.replicas !== dc.spec.replicas) previous.spec.replicas = dc.spec.replicas ?? 1;
  c.touch(rc);
}

function runHook(c: Cluster, ns: string, dc: KubeObject, rc: KubeObject, type: 'pre' | 'mid' | 'post', next: Rollout['step']): void {
  const r = rc.__sim.rollout as Rollout;
  const hook = strategyHook(dc, type);
  const target = `${ns}/${rc.metadata.name}`;
  if (!hook) {
    r.step = next;
    c.dirty = true;
    return;
  }
  const pod = c.get(ns, 'Pod', `${rc.metadata.name}-hook-${type}`);
  if (!pod) {
    c.add(ns, makeHookPod(c, rc, type, hook));
    const cmd = ((hook.execNewPod?.command as string[] | undefined) ?? []).join(' ');
    deployerLog(c, ns, rc, `--> ${type}: Running hook pod ...`);
    c.event(ns, dc, { reason: 'Started', message: `Running ${type}-hook ("${cmd}") for rc ${target}`, component: 'deployer' });
    r.hookRestarts = 0;
    return;
  }
  const restarts = podSim(pod).containers[0].restarts;
  while ((r.hookRestarts ?? 0) < restarts) {
    r.hookRestarts = (r.hookRestarts ?? 0) + 1;
    deployerLog(c, ns, rc, `--> ${type}: Retrying hook pod (retry #${r.hookRestarts})`);
    c.dirty = true;
  }
  const phase = pod.status?.phase;
  if (phase === 'Succeeded') {
    deployerLog(c, ns, rc, `--> ${type}: Success`);
    c.event(ns, dc, { reason: 'Completed', message: `The ${type}-hook for rc ${target} completed successfully`, component: 'deployer' });
    r.step = next;
    c.dirty = true;
  } else if (phase === 'Failed') {
    const msg = `${type} hook failed: the pod "${pod.metadata.name}" failed`;
    deployerLog(c, ns, rc, `--> ${type}: Failed`);
    c.event(ns, dc, { type: 'Warning', reason: 'Failed', message: `The ${type}-hook failed: ${msg}, aborting rollout of ${target}`, component: 'deployer' });
    if (hook.failurePolicy === 'Ignore') {
      r.step = next;
      c.dirty = true;
    } else finish(c, ns, dc, rc, false, msg);
  }
}

function scaleRc(c: Cluster, rc: KubeObject, replicas: number): void {
  rc.spec.replicas = replicas;
  c.touch(rc);
}

function step(c: Cluster, ns: string, dc: KubeObject, rc: KubeObject): void {
  const r = rc.__sim.rollout as Rollout;
  const replicas = dc.spec?.replicas ?? 1;
  const strategy = dc.spec?.strategy ?? {};
  const recreate = strategy.type === 'Recreate';
  const timeout = (strategy.rollingParams ?? strategy.recreateParams ?? {}).timeoutSeconds ?? 600;
  const prev = r.previous ? c.get(ns, 'ReplicationController', r.previous) : undefined;
  switch (r.step) {
    case 'start':
      r.previous = dcReplicationControllers(c, ns, dc.metadata.name).filter((x) => x !== rc && (x.spec?.replicas ?? 0) > 0).pop()?.metadata.name;
      r.step = 'pre';
      c.dirty = true;
      return;
    case 'pre':
      return runHook(c, ns, dc, rc, 'pre', recreate && r.previous ? 'scale-down' : 'scale');
    case 'scale-down':
      if (prev && prev.spec.replicas !== 0) {
        deployerLog(c, ns, rc, `--> Scaling ${prev.metadata.name} down to zero`);
        scaleRc(c, prev, 0);
      }
      if (prev && livePods(c, ns, prev) > 0) return;
      r.step = recreate ? 'mid' : 'scale';
      c.dirty = true;
      return;
    case 'mid':
      return runHook(c, ns, dc, rc, 'mid', 'scale');
    case 'scale':
      if (prev && !recreate) {
        deployerLog(c, ns, rc, `--> Scaling up ${rc.metadata.name} from 0 to ${replicas}, scaling down ${prev.metadata.name} from ${prev.spec.replicas} to 0 (keep ${replicas} pods available, don't exceed ${replicas + 1} pods)`);
        deployerLog(c, ns, rc, `    Scaling ${rc.metadata.name} up to ${replicas}`);
      } else deployerLog(c, ns, rc, `--> Scaling ${rc.metadata.name} to ${replicas}`);
      scaleRc(c, rc, replicas);
      r.waitUntil = c.now + sec(timeout);
      r.step = 'wait';
      return;
    case 'wait':
      if (readyPods(c, ns, rc) >= replicas) {
        if (prev && !recreate && prev.spec.replicas !== 0) {
          deployerLog(c, ns, rc, `    Scaling ${prev.metadata.name} down to 0`);
          scaleRc(c, prev, 0);
        }
        r.step = 'post';
        c.dirty = true;
      } else if (due(c, r.waitUntil)) {
        finish(c, ns, dc, rc, false, `update acceptor rejected ${rc.metadata.name}: pods for rc '${ns}/${rc.metadata.name}' took longer than ${timeout} seconds to become available`);
      }
      return;
    case 'post':
      return runHook(c, ns, dc, rc, 'post', 'done');
    case 'done':
      if (!rc.__sim.finished) {
        rc.__sim.finished = true;
        finish(c, ns, dc, rc, true);
      }
  }
}

function cleanup(c: Cluster, ns: string, rc: KubeObject): void {
  if (!due(c, rc.__sim?.cleanupAt)) return;
  rc.__sim.cleanupAt = undefined;
  for (const pod of c.list(ns, 'Pod')) {
    if (pod.metadata.labels?.['openshift.io/deployer-pod-for.name'] === rc.metadata.name) deletePod(c, ns, pod.metadata.name, 0);
  }
  c.dirty = true;
}

/** The deployments controller plus the deployer process: runs each rollout through hooks, scaling and acceptance. */
export const deployerController: Controller = (c) => {
  for (const ns of c.namespaceNames()) {
    if (c.ns(ns)!.project.status?.phase === 'Terminating') continue;
    for (const rc of c.list(ns, 'ReplicationController')) {
      const dcName = rc.metadata.annotations?.['openshift.io/deployment-config.name'];
      const dc = dcName ? c.get(ns, 'DeploymentConfig', dcName) : undefined;
      const phase = rcPhase(rc);
      if (!dc || !phase) continue;
      rc.__sim ??= {};
      if (phase === 'New') {
        const existing = c.get(ns, 'Pod', `${rc.metadata.name}-deploy`);
        // After `oc rollout retry` the old deployer pod must be gone before a new one can take its name.
        if (existing?.metadata.deletionTimestamp) continue;
        if (!existing) c.add(ns, makeDeployerPod(c, ns, rc));
        setPhase(c, rc, 'Pending');
      } else if (phase === 'Pending') {
        const deployer = c.get(ns, 'Pod', `${rc.metadata.name}-deploy`);
        if (deployer?.status?.phase === 'Running') {
          rc.__sim.rollout = { step: 'start' } satisfies Rollout;
          rc.__sim.finished = false;
          setPhase(c, rc, 'Running');
        }
      } else if (phase === 'Running') {
        if (rc.metadata.annotations?.['openshift.io/deployment.cancelled'] === 'true') {
          c.event(ns, dc, { reason: 'RolloutCancelled', message: `Rollout for "${ns}/${rc.metadata.name}" cancelled`, component: 'deployer-controller' });
          finish(c, ns, dc, rc, false, 'Deployment cancelled');
        } else step(c, ns, dc, rc);
      }
      else if (phase === 'Complete') cleanup(c, ns, rc);
    }
  }
};
