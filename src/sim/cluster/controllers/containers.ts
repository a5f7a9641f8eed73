import { randomUid, sha256Hex } from '../random.js';
import type { Cluster } from '../model/cluster.js';
import type { KubeObject } from '../model/types.js';
import type { ClusterFaults } from '../faults/cluster-faults.js';
import { credentialHosts, imageProfile, registryRefusal, unauthorizedText } from './images.js';
import type { ContainerSim, PodSim } from './pod-sim.js';
import { containerSpec } from './pod-sim.js';
import { due, podDcName, sec } from './util.js';

/** Everything a container step needs. */
export interface PodContext {
  c: Cluster;
  ns: string;
  pod: KubeObject;
  s: PodSim;
  faults: ClusterFaults;
}

/** Kubelet back-off: 10 s doubling up to 5 min (image pulls and crash restarts alike). */
export const nextBackoff = (current: number): number => (current === 0 ? 10 : Math.min(current * 2, 300));

/** Emits a kubelet event about a container. */
export function containerEvent(ctx: PodContext, cs: ContainerSim, reason: string, message: string, type: 'Normal' | 'Warning' = 'Normal'): void {
  const fieldPath = `spec.${cs.init ? 'initContainers' : 'containers'}{${cs.name}}`;
  ctx.c.event(ctx.ns, ctx.pod, { reason, message, type, component: 'kubelet', host: 'localhost', fieldPath });
}

/** The active pod fault for this container, honouring `forSeconds` from the container's first attempt. */
export function activePodFault(ctx: PodContext, cs: ContainerSim, mode: string): boolean {
  const dc = podDcName(ctx.pod);
  if (!dc || ctx.s.role !== 'app') return false;
  const f = ctx.faults.pod(ctx.ns, dc, cs.name);
  if (!f || f.mode !== mode) return false;
  return f.forSeconds === undefined || ctx.c.now < (cs.firstAttemptAt ?? ctx.c.now) + sec(f.forSeconds);
}

function pullSecrets(ctx: PodContext): string[] {
  const saName = ctx.pod.spec.serviceAccountName ?? 'default';
  const sa = ctx.c.get(ctx.ns, 'ServiceAccount', saName);
  const fromSa = ((sa?.imagePullSecrets ?? []) as Array<{ name: string }>).map((x) => x.name);
  const fromPod = ((ctx.pod.spec.imagePullSecrets ?? []) as Array<{ name: string }>).map((x) => x.name);
  return [...fromSa, ...fromPod];
}

function pullPolicy(spec: { image: string; imagePullPolicy?: unknown }): string {
  if (typeof spec.imagePullPolicy === 'string') return spec.imagePullPolicy;
  const last = spec.image.split('/').pop() ?? '';
  return !spec.image.includes('@') && (!last.includes(':') || last.endsWith(':latest')) ? 'Always' : 'IfNotPresent';
}

/** Drives the image pull of a container in phase `new`/`pulling`/pull failures; returns true once it can start. */
export function stepPull(ctx: PodContext, cs: ContainerSim): boolean {
  const { c } = ctx;
  const spec = containerSpec(ctx.pod, cs.name);
  const image = spec.image;
  const images = c.state.vm.images;
  if (cs.phase === 'new') {
    cs.firstAttemptAt ??= c.now;
    const present = images[image] !== undefined && images[image] <= c.now;
    if (present && pullPolicy(spec) !== 'Always') {
      containerEvent(ctx, cs, 'Pulled', `Container image "${image}" already present on machine`);
      cs.phase = 'creating';
      cs.next = c.now + sec(1);
      c.dirty = true;
      return false;
    }
    const refusal = activePodFault(ctx, cs, 'image-pull-unauthorized')
      ? { message: unauthorizedText(image) }
      : registryRefusal(image, credentialHosts(c, ctx.ns, pullSecrets(ctx)));
    containerEvent(ctx, cs, 'Pulling', `pulling image "${image}"`);
    if (refusal) {
      cs.phase = 'pullFailing';
      cs.pullError = refusal.message;
      cs.next = c.now + sec(3);
    } else {
      const pullMs = present ? sec(2) : sec(imageProfile(image).pullSeconds);
      // Two containers pulling the same image finish together (the runtime dedups layer downloads).
      const done = images[image] !== undefined && images[image] > c.now ? images[image] : c.now + pullMs;
      images[image] = Math.min(images[image] ?? Number.POSITIVE_INFINITY, done);
      cs.phase = 'pulling';
      cs.next = done;
    }
    c.dirty = true;
    return false;
  }
  if (!due(c, cs.next)) return false;
  c.dirty = true;
  switch (cs.phase) {
    case 'pulling':
      containerEvent(ctx, cs, 'Pulled', `Successfully pulled image "${image}"`);
      cs.phase = 'creating';
      cs.next = c.now + sec(1);
      return false;
    case 'pullFailing':
      containerEvent(ctx, cs, 'Failed', `Failed to pull image "${image}": rpc error: code = Unknown desc = ${cs.pullError}`, 'Warning');
      containerEvent(ctx, cs, 'Failed', 'Error: ErrImagePull', 'Warning');
      cs.phase = 'errImagePull';
      cs.next = c.now + sec(1);
      return false;
    case 'errImagePull':
      cs.backoff = nextBackoff(cs.backoff);
      containerEvent(ctx, cs, 'BackOff', `Back-off pulling image "${image}"`);
      containerEvent(ctx, cs, 'Failed', 'Error: ImagePullBackOff', 'Warning');
      cs.phase = 'imagePullBackOff';
      cs.next = c.now + sec(cs.backoff);
      return false;
    case 'imagePullBackOff':
      cs.phase = 'new';
      return false;
    default:
      return true;
  }
}

/** Creates and starts the container (phase `creating` → `running`). */
export function startContainer(ctx: PodContext, cs: ContainerSim): void {
  const { c } = ctx;
  if (cs.containerID !== undefined) {
    cs.restarts += 1;
    cs.previousLogs = cs.logs;
    cs.logs = [];
  }
  containerEvent(ctx, cs, 'Created', 'Created container');
  containerEvent(ctx, cs, 'Started', 'Started container');
  cs.containerID = `docker://${sha256Hex(randomUid(c.state))}`;
  cs.phase = 'running';
  cs.startedAt = c.now;
  cs.ready = false;
  cs.exitCode = undefined;
  cs.next = undefined;
  c.dirty = true;
}

/** The container exits with `code`; restartable containers then go through CrashLoopBackOff. */
export function exitContainer(ctx: PodContext, cs: ContainerSim, code: number): void {
  const { c } = ctx;
  cs.phase = 'exited';
  cs.exitCode = code;
  cs.finishedAt = c.now;
  cs.ready = false;
  cs.last = { exitCode: code, reason: code === 0 ? 'Completed' : 'Error', startedAt: cs.startedAt ?? c.now, finishedAt: c.now, containerID: cs.containerID ?? '' };
  const policy = ctx.pod.spec.restartPolicy ?? 'Always';
  const restart = !cs.init && (policy === 'Always' || (policy === 'OnFailure' && code !== 0));
  cs.next = restart || (cs.init && code !== 0 && policy !== 'Never') ? c.now + sec(1) : undefined;
  c.dirty = true;
}

/** After an exit: wait 1 s in Error, then CrashLoopBackOff, then restart. Returns true when it restarted. */
export function stepRestart(ctx: PodContext, cs: ContainerSim): boolean {
  const { c } = ctx;
  if (cs.next === undefined || !due(c, cs.next)) return false;
  c.dirty = true;
  if (cs.phase === 'exited') {
    cs.backoff = nextBackoff(cs.backoff);
    containerEvent(ctx, cs, 'BackOff', 'Back-off restarting failed container', 'Warning');
    cs.phase = 'crashBackOff';
    cs.next = c.now + sec(cs.backoff);
    return false;
  }
  if (cs.phase === 'crashBackOff') {
    containerEvent(ctx, cs, 'Pulled', `Container image "${containerSpec(ctx.pod, cs.name).image}" already present on machine`);
    startContainer(ctx, cs);
    return true;
  }
  return false;
}
