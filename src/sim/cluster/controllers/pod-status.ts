import { isoSeconds } from '../clock.js';
import type { KubeObject } from '../model/types.js';
import type { ContainerSim, PodSim } from './pod-sim.js';
import { containerSpec, pullWaitingReason } from './pod-sim.js';
import { digestReference } from './images.js';

type Cond = { type: string; status: string; reason?: string; message?: string; lastProbeTime: null; lastTransitionTime: string };

function containerState(pod: KubeObject, s: PodSim, cs: ContainerSim): Record<string, unknown> {
  const image = containerSpec(pod, cs.name).image;
  const waitingDefault = s.containers.some((x) => x.init) ? 'PodInitializing' : 'ContainerCreating';
  const pull = pullWaitingReason(cs);
  if (pull === 'ErrImagePull') return { waiting: { reason: 'ErrImagePull', message: `rpc error: code = Unknown desc = ${cs.pullError}` } };
  if (pull === 'ImagePullBackOff') return { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` } };
  switch (cs.phase) {
    case 'running':
      return { running: { startedAt: isoSeconds(cs.startedAt ?? 0) } };
    case 'exited':
      return {
        terminated: {
          exitCode: cs.exitCode ?? 0,
          reason: cs.exitCode === 0 ? 'Completed' : 'Error',
          startedAt: isoSeconds(cs.startedAt ?? 0),
          finishedAt: isoSeconds(cs.finishedAt ?? 0),
          containerID: cs.containerID,
        },
      };
    case 'crashBackOff':
      return {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `Back-off ${formatBackoff(cs.backoff)} restarting failed container=${cs.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
        },
      };
    default:
      return { waiting: { reason: waitingDefault } };
  }
}

/** `10s`, `5m0s`: Go's Duration formatting for back-offs. */
export function formatBackoff(seconds: number): string {
  return seconds >= 60 ? `${Math.floor(seconds / 60)}m${seconds % 60}s` : `${seconds}s`;
}

function statusOf(pod: KubeObject, s: PodSim, cs: ContainerSim): Record<string, unknown> {
  const image = containerSpec(pod, cs.name).image;
  const started = cs.containerID !== undefined;
  const st: Record<string, unknown> = {
    name: cs.name,
    image,
    imageID: started ? `docker-pullable://${digestReference(image)}` : '',
    lastState: cs.last
      ? { terminated: { exitCode: cs.last.exitCode, reason: cs.last.reason, startedAt: isoSeconds(cs.last.startedAt), finishedAt: isoSeconds(cs.last.finishedAt), containerID: cs.last.containerID } }
      : {},
    ready: cs.ready,
    restartCount: cs.restarts,
    state: containerState(pod, s, cs),
  };
  if (started) st.containerID = cs.containerID;
  return st;
}

/** The pod phase the kubelet reports. */
export function podPhase(pod: KubeObject, s: PodSim): string {
  const mains = s.containers.filter((x) => !x.init);
  const policy = pod.spec.restartPolicy ?? 'Always';
  if (pod.status?.reason === 'DeadlineExceeded') return 'Failed';
  if (!s.scheduledAt || s.containers.some((x) => x.init && !(x.phase === 'exited' && x.exitCode === 0))) return 'Pending';
  // A non-zero exit under OnFailure is not terminal: the kubelet restarts the container in place.
  const terminal = mains.every((x) => x.phase === 'exited' && (policy === 'Never' || x.exitCode === 0));
  if (policy !== 'Always' && terminal) return mains.every((x) => x.exitCode === 0) ? 'Succeeded' : 'Failed';
  if (mains.some((x) => x.phase === 'running' || x.phase === 'crashBackOff' || (x.phase === 'exited' && policy !== 'Never') || x.restarts > 0)) return 'Running';
  return 'Pending';
}

/** Recomputes `pod.status` from the bookkeeping; returns true when it changed. */
export function renderPodStatus(pod: KubeObject, s: PodSim, now: number, hostIP: string): boolean {
  const prev = (pod.status ?? {}) as Record<string, unknown>;
  const prevConds = (prev.conditions ?? []) as Cond[];
  const cond = (type: string, ok: boolean, reason?: string, message?: string): Cond => {
    const status = ok ? 'True' : 'False';
    const old = prevConds.find((x) => x.type === type);
    const c: Cond = { type, status, lastProbeTime: null, lastTransitionTime: old && old.status === status ? old.lastTransitionTime : isoSeconds(now) };
    if (reason) c.reason = reason;
    if (message) c.message = message;
    return c;
  };
  const phase = podPhase(pod, s);
  const inits = s.containers.filter((x) => x.init);
  const mains = s.containers.filter((x) => !x.init);
  const completed = phase === 'Succeeded' || phase === 'Failed';
  const initPending = inits.filter((x) => !(x.phase === 'exited' && x.exitCode === 0)).map((x) => x.name);
  const unready = mains.filter((x) => !x.ready).map((x) => x.name);
  const conditions: Cond[] = [];
  if (s.scheduledAt !== undefined) {
    conditions.push(initPending.length === 0 || completed ? cond('Initialized', true, completed && inits.length ? 'PodCompleted' : undefined) : cond('Initialized', false, 'ContainersNotInitialized', `containers with incomplete status: [${initPending.join(' ')}]`));
    conditions.push(unready.length === 0 ? cond('Ready', true) : cond('Ready', false, completed ? 'PodCompleted' : 'ContainersNotReady', completed ? undefined : `containers with unready status: [${unready.join(' ')}]`));
    conditions.push(unready.length === 0 ? cond('ContainersReady', true) : cond('ContainersReady', false, completed ? 'PodCompleted' : 'ContainersNotReady', completed ? undefined : `containers with unready status: [${unready.join(' ')}]`));
    conditions.push(cond('PodScheduled', true));
  } else {
    const unschedulable = prevConds.find((x) => x.type === 'PodScheduled');
    if (unschedulable) conditions.push(unschedulable);
  }
  const status: Record<string, unknown> = { phase, conditions, qosClass: prev.qosClass ?? 'BestEffort' };
  if (prev.reason) status.reason = prev.reason;
  if (prev.message) status.message = prev.message;
  if (s.scheduledAt !== undefined) {
    status.hostIP = hostIP;
    if (prev.podIP) status.podIP = prev.podIP;
    status.startTime = isoSeconds(s.scheduledAt);
    if (inits.length) status.initContainerStatuses = inits.map((x) => statusOf(pod, s, x));
    status.containerStatuses = mains.map((x) => statusOf(pod, s, x));
  }
  const changed = JSON.stringify(status) !== JSON.stringify(pod.status);
  if (changed) pod.status = status;
  return changed;
}
