import type { Controller } from './engine.js';
import { insufficientResources } from './capacity.js';
import type { PodContext } from './containers.js';
import { activePodFault, containerEvent, exitContainer, startContainer, stepPull, stepRestart } from './containers.js';
import { dependenciesOf, missingDependencies } from './gates.js';
import { decideHookAttempt, hookSucceeded, HOOK_BOOT_SECONDS } from './hooks.js';
import { imageProfile } from './images.js';
import { startupLines } from './logs.js';
import type { ContainerSim } from './pod-sim.js';
import { containerSpec, podSim } from './pod-sim.js';
import { renderPodStatus } from './pod-status.js';
import { probeFailure } from './probes.js';
import type { EnvVar } from './util.js';
import { due, sec } from './util.js';

const PULL_PHASES = new Set(['new', 'pulling', 'pullFailing', 'errImagePull', 'imagePullBackOff']);

/** PersistentVolumes mounted by the pod through its claims. */
function podVolumes(ctx: PodContext): Array<{ claim: string; pv?: string }> {
  return ((ctx.pod.spec.volumes ?? []) as Array<{ persistentVolumeClaim?: { claimName: string } }>)
    .filter((v) => v.persistentVolumeClaim)
    .map((v) => {
      const claim = v.persistentVolumeClaim!.claimName;
      return { claim, pv: ctx.c.get(ctx.ns, 'PersistentVolumeClaim', claim)?.spec?.volumeName };
    });
}

function schedule(ctx: PodContext): boolean {
  const { c, s, pod } = ctx;
  const unbound = podVolumes(ctx).filter((v) => c.get(ctx.ns, 'PersistentVolumeClaim', v.claim)?.status?.phase !== 'Bound');
  const insufficient = unbound.length === 0 && due(c, s.createdAt + sec(1)) ? insufficientResources(c, pod) : undefined;
  if (unbound.length === 0 && !insufficient) {
    if (!due(c, s.createdAt + sec(1))) return false;
    s.scheduledAt = c.now;
    pod.spec.nodeName = 'localhost';
    c.state.podIp += 1;
    pod.status = { ...(pod.status ?? {}), podIP: `172.17.0.${2 + (c.state.podIp % 250)}` };
    c.event(ctx.ns, pod, { reason: 'Scheduled', message: `Successfully assigned ${ctx.ns}/${pod.metadata.name} to localhost`, component: 'default-scheduler' });
    c.dirty = true;
    return true;
  }
  s.scheduleRetryAt ??= s.createdAt + sec(1);
  if (due(c, s.scheduleRetryAt)) {
    const message = insufficient ?? 'pod has unbound PersistentVolumeClaims';
    c.event(ctx.ns, pod, { type: 'Warning', reason: 'FailedScheduling', message, component: 'default-scheduler' });
    const waited = s.scheduleRetryAt - s.createdAt;
    s.scheduleRetryAt = c.now + Math.min(Math.max(sec(1), waited), sec(60));
    pod.status = { ...(pod.status ?? {}), phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastProbeTime: null, lastTransitionTime: pod.metadata.creationTimestamp }] };
    c.touch(pod);
  }
  return false;
}

function onStarted(ctx: PodContext, cs: ContainerSim): void {
  const { c, s } = ctx;
  const spec = containerSpec(ctx.pod, cs.name) as { image: string; readinessProbe?: { initialDelaySeconds?: number } };
  if (s.role === 'hook') {
    cs.next = c.now + sec(HOOK_BOOT_SECONDS);
    cs.attemptOk = undefined;
    return;
  }
  if (s.role !== 'app' || cs.init) return;
  const profile = imageProfile(spec.image);
  const fresh = podVolumes(ctx).some((v) => v.pv && c.state.pvs[v.pv]?.__sim?.fresh !== false);
  cs.upAt = c.now + sec(fresh && profile.firstStartupSeconds ? profile.firstStartupSeconds : profile.startupSeconds);
  cs.logs.push(...startupLines(spec.image, cs.name, c.now));
  if (spec.readinessProbe) cs.probeAt = c.now + sec(spec.readinessProbe.initialDelaySeconds ?? 0);
  else cs.ready = true;
  if (activePodFault(ctx, cs, 'crashloop')) cs.next = c.now + sec(5);
}

function stepApp(ctx: PodContext, cs: ContainerSim): void {
  const { c } = ctx;
  if (cs.next !== undefined && due(c, cs.next)) {
    cs.next = undefined;
    c.dirty = true;
    if (activePodFault(ctx, cs, 'crashloop')) {
      cs.logs.push('Error: the service exited unexpectedly (injected crashloop fault)');
      exitContainer(ctx, cs, 1);
      return;
    }
  }
  const probe = (containerSpec(ctx.pod, cs.name) as { readinessProbe?: { periodSeconds?: number } }).readinessProbe;
  if (cs.ready || !probe || cs.probeAt === undefined || !due(c, cs.probeAt)) return;
  c.dirty = true;
  if (c.now >= (cs.upAt ?? 0)) {
    cs.ready = true;
    cs.probeAt = undefined;
    for (const v of podVolumes(ctx)) if (v.pv && c.state.pvs[v.pv]) (c.state.pvs[v.pv].__sim ??= {}).fresh = false;
    return;
  }
  containerEvent(ctx, cs, 'Unhealthy', `Readiness probe failed: ${probeFailure(ctx, cs.name)}`, 'Warning');
  cs.probeAt += sec(probe.periodSeconds ?? 10);
  c.wake(cs.probeAt);
}

function stepInit(ctx: PodContext, cs: ContainerSim): void {
  const { c } = ctx;
  const spec = containerSpec(ctx.pod, cs.name) as { command?: string[]; args?: string[]; env?: EnvVar[] };
  const missing = missingDependencies(c, ctx.ns, dependenciesOf(c, ctx.ns, spec));
  if (missing.length > 0) {
    if (cs.gateOpenAt !== undefined) {
      cs.gateOpenAt = undefined;
      c.dirty = true;
    }
    return;
  }
  if (cs.gateOpenAt === undefined) {
    cs.gateOpenAt = c.now;
    c.dirty = true;
  }
  if (due(c, cs.gateOpenAt + sec(2))) exitContainer(ctx, cs, 0);
}

function stepJob(ctx: PodContext, cs: ContainerSim): void {
  const { c, s } = ctx;
  if (s.role === 'deployer') {
    if (s.exit && due(c, s.exit.at)) exitContainer(ctx, cs, s.exit.code);
    return;
  }
  if (!due(c, cs.next)) return;
  c.dirty = true;
  if (cs.attemptOk === undefined) {
    const plan = decideHookAttempt(ctx, cs);
    if (!plan.ok) return exitContainer(ctx, cs, 1);
    cs.attemptOk = true;
    cs.next = plan.doneAt;
    c.wake(plan.doneAt);
    return;
  }
  hookSucceeded(ctx, cs);
  exitContainer(ctx, cs, 0);
}

function stepContainer(ctx: PodContext, cs: ContainerSim): void {
  if (PULL_PHASES.has(cs.phase)) {
    stepPull(ctx, cs);
    return;
  }
  if (cs.phase === 'creating') {
    if (due(ctx.c, cs.next)) {
      startContainer(ctx, cs);
      onStarted(ctx, cs);
    }
    return;
  }
  if (cs.phase === 'running') {
    if (cs.init) stepInit(ctx, cs);
    else if (ctx.s.role === 'app') stepApp(ctx, cs);
    else stepJob(ctx, cs);
    return;
  }
  if (stepRestart(ctx, cs)) onStarted(ctx, cs);
}

function deadlineExceeded(ctx: PodContext): boolean {
  const { c, pod, s } = ctx;
  const deadline = pod.spec.activeDeadlineSeconds as number | undefined;
  if (deadline === undefined || s.scheduledAt === undefined || pod.status?.reason === 'DeadlineExceeded') return pod.status?.reason === 'DeadlineExceeded';
  if (!due(c, s.scheduledAt + sec(deadline))) return false;
  for (const cs of s.containers.filter((x) => x.phase === 'running')) {
    exitContainer(ctx, cs, 137);
    cs.next = undefined;
  }
  pod.status = { ...pod.status, reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' };
  c.event(ctx.ns, pod, { type: 'Warning', reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline', component: 'kubelet', host: 'localhost' });
  return true;
}

/** The simulated kubelet and scheduler: moves every pod through its lifecycle. */
export const kubeletController: Controller = (c, faults) => {
  for (const ns of c.namespaceNames()) {
    for (const pod of c.list(ns, 'Pod')) {
      const s = podSim(pod);
      if (!s) continue;
      const ctx: PodContext = { c, ns, pod, s, faults };
      if (pod.metadata.deletionTimestamp) {
        if (due(c, s.deleteAt)) c.remove(ns, 'Pod', pod.metadata.name);
        continue;
      }
      if (s.scheduledAt === undefined && !schedule(ctx)) continue;
      if (!deadlineExceeded(ctx)) {
        const firstOpenInit = s.containers.find((x) => x.init && !(x.phase === 'exited' && x.exitCode === 0));
        if (firstOpenInit) stepContainer(ctx, firstOpenInit);
        else for (const cs of s.containers.filter((x) => !x.init)) stepContainer(ctx, cs);
      }
      if (renderPodStatus(pod, s, c.now, c.state.vm.ip)) c.touch(pod);
    }
  }
};
