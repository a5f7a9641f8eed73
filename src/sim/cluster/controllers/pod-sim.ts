import type { KubeObject } from '../model/types.js';

/** Lifecycle of one container as the simulated kubelet drives it. */
export type ContainerPhase =
  | 'new'
  | 'pulling'
  | 'pullFailing'
  | 'errImagePull'
  | 'imagePullBackOff'
  | 'creating'
  | 'running'
  | 'exited'
  | 'crashBackOff';

/** Simulator bookkeeping of one container (kept in the pod's `__sim`). */
export interface ContainerSim {
  name: string;
  init: boolean;
  phase: ContainerPhase;
  /** When the current phase ends (pull done, back-off over, exit …). */
  next?: number;
  restarts: number;
  ready: boolean;
  startedAt?: number;
  /** The software inside answers from this instant (readiness can pass). */
  upAt?: number;
  /** Next readiness probe. */
  probeAt?: number;
  /** Current back-off (s) for image pulls or crash restarts. */
  backoff: number;
  pullError?: string;
  /** First instant a pull or a start was attempted (fault durations count from here). */
  firstAttemptAt?: number;
  exitCode?: number;
  finishedAt?: number;
  /** The previous termination, shown as lastState. */
  last?: { exitCode: number; reason: string; startedAt: number; finishedAt: number; containerID: string };
  containerID?: string;
  /** For init containers: when the dependencies were first seen ready. */
  gateOpenAt?: number;
  /** For hooks: attempt decided at boot (true = succeeds). */
  attemptOk?: boolean;
  logs: string[];
  previousLogs?: string[];
}

/**
 * The waiting reason of a container whose image is not pulled yet: ErrImagePull / ImagePullBackOff. The kubelet
 * keeps the last pull error (its reason cache) while a retry pulls, so once a pull failed the status alternates
 * between the two and never falls back to ContainerCreating until a pull succeeds.
 */
export function pullWaitingReason(cs: ContainerSim): 'ErrImagePull' | 'ImagePullBackOff' | undefined {
  if (cs.phase === 'errImagePull') return 'ErrImagePull';
  if (cs.phase === 'imagePullBackOff') return 'ImagePullBackOff';
  const retrying = cs.phase === 'new' || cs.phase === 'pulling' || cs.phase === 'pullFailing';
  if (retrying && cs.containerID === undefined && cs.pullError !== undefined && cs.backoff > 0) return 'ImagePullBackOff';
  return undefined;
}

/** Simulator bookkeeping of one pod. */
export interface PodSim {
  role: 'app' | 'deployer' | 'hook';
  /** The sim instant the pod was created. */
  createdAt: number;
  scheduledAt?: number;
  /** Next time the scheduler retries an unschedulable pod. */
  scheduleRetryAt?: number;
  containers: ContainerSim[];
  /** Removal instant once deletionTimestamp is set. */
  deleteAt?: number;
  /** For deployer pods: the exit the strategy decided. */
  exit?: { code: number; at: number };
  /** Hook pods: which hook (pre/mid/post). */
  hook?: string;
}

/** Fresh bookkeeping for a new pod. */
export function newPodSim(pod: KubeObject, role: PodSim['role'], now: number): PodSim {
  const mk = (c: { name: string }, init: boolean): ContainerSim => ({ name: c.name, init, phase: 'new', restarts: 0, ready: false, backoff: 0, logs: [] });
  return {
    role,
    createdAt: now,
    containers: [
      ...((pod.spec.initContainers ?? []) as Array<{ name: string }>).map((c) => mk(c, true)),
      ...((pod.spec.containers ?? []) as Array<{ name: string }>).map((c) => mk(c, false)),
    ],
  };
}

/** The bookkeeping of a pod (every simulated pod has one). */
export function podSim(pod: KubeObject): PodSim {
  return pod.__sim as PodSim;
}

/** The spec of a container (init or main) by name. */
export function containerSpec(pod: KubeObject, name: string): Record<string, unknown> & { name: string; image: string } {
  const all = [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])] as Array<Record<string, unknown> & { name: string; image: string }>;
  const found = all.find((c) => c.name === name);
  if (!found) throw new Error(`container ${name} not in pod ${pod.metadata.name}`);
  return found;
}
