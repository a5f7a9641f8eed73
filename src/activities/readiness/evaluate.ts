/**
 * Readiness of a template's DeploymentConfigs from `oc get dc/pods/is -o json`: which are available, why the
 * others are not, and which states are hopeless (no amount of waiting fixes them). Pure: unit-testable.
 */
import type { DcProgress } from '../../shared/install-status.js';
import { ErrorType } from '../../shared/errors.js';
import type { KubeObject } from '../template/cluster-objects.js';

type Cond = { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string };
type ContainerStatus = { name: string; ready?: boolean; restartCount?: number; state?: Record<string, { reason?: string; message?: string }> };

/** Budgets after which a waiting state counts as hopeless. */
export interface Budgets {
  /** Restarts of the system-app pre-hook pod (it restarts while MySQL initialises; real installs see a few). */
  hookRestarts: number;
  /** Restarts of an app container in CrashLoopBackOff. */
  crashLoopRestarts: number;
}

export const DEFAULT_BUDGETS: Budgets = { hookRestarts: 12, crashLoopRestarts: 15 };

/** A state no waiting will fix: the step fails at once with this diagnosis. */
export interface Hopeless {
  type: ErrorType;
  dc: string;
  diagnosis: string;
  suggestion: string;
}

export interface Evaluation {
  progress: DcProgress[];
  ready: number;
  total: number;
  hopeless?: Hopeless;
  /** DCs whose latest rollout failed (candidates for `oc rollout retry`). */
  failedRollouts: string[];
  /** Whether events would explain more: failed rollouts, pods failing to pull, claims that do not bind. */
  needsEvents: boolean;
}

const conds = (o: KubeObject | undefined): Cond[] => ((o?.status as { conditions?: Cond[] } | undefined)?.conditions ?? []);
const cond = (o: KubeObject | undefined, type: string) => conds(o).find((c) => c.type === type);

/** The image stream tags a DC's ImageChange triggers wait for, as `stream:tag`. */
function triggerTags(dc: KubeObject): string[] {
  const triggers = ((dc.spec as { triggers?: Array<{ type: string; imageChangeParams?: { from?: { name?: string } } }> })?.triggers ?? []);
  return triggers.filter((t) => t.type === 'ImageChange' && t.imageChangeParams?.from?.name).map((t) => t.imageChangeParams!.from!.name!);
}

/** Why an ImageStream tag cannot be imported, if it failed (ImportSuccess=False). */
function importFailure(streams: KubeObject[], streamTag: string): string | undefined {
  const [name] = streamTag.split(':');
  const is = streams.find((s) => s.metadata.name === name);
  const tags = ((is?.status as { tags?: Array<{ tag: string; conditions?: Cond[] }> } | undefined)?.tags ?? []);
  for (const t of tags) {
    const failed = t.conditions?.find((c) => c.type === 'ImportSuccess' && c.status === 'False');
    if (failed) return `image stream ${name}:${t.tag} import failed${failed.reason ? ` (${failed.reason})` : ''}: ${failed.message ?? 'unknown reason'}`;
  }
  return undefined;
}

function containerStatuses(pod: KubeObject): ContainerStatus[] {
  const st = pod.status as { containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[] } | undefined;
  return [...(st?.initContainerStatuses ?? []), ...(st?.containerStatuses ?? [])];
}

const waiting = (c: ContainerStatus) => c.state?.waiting;

type Event = KubeObject & { type?: string; reason?: string; message?: string; involvedObject?: { kind?: string; name?: string } };

/** The kubelet's "Failed to pull image …: unauthorized" event of a pod (pod name, or a prefix for a DC's pods). */
function pullFailureEvent(events: Event[], podOrPrefix: string): (Event & { count?: number }) | undefined {
  return events.find(
    (e) => e.involvedObject?.kind === 'Pod' && e.involvedObject.name?.startsWith(podOrPrefix) && e.reason === 'Failed' && UNAUTHORIZED.test(e.message ?? ''),
  );
}

function pullFailure(events: Event[], podOrPrefix: string): string | undefined {
  return pullFailureEvent(events, podOrPrefix)?.message;
}

/** The claim of a pod that cannot bind: its FailedBinding event (a fresh one after a resume), if any. */
function unboundClaim(pod: KubeObject, events: Event[], isFresh: EventFreshness): { claim: string; message: string } | undefined {
  const volumes = ((pod.spec as { volumes?: Array<{ persistentVolumeClaim?: { claimName?: string } }> } | undefined)?.volumes ?? []);
  for (const claim of volumes.map((v) => v.persistentVolumeClaim?.claimName).filter((c): c is string => Boolean(c))) {
    const failed = events.find((e) => e.involvedObject?.kind === 'PersistentVolumeClaim' && e.involvedObject.name === claim && e.reason === 'FailedBinding') as (Event & { count?: number }) | undefined;
    if (failed && isFresh(`pvc/${claim}`, failed.count ?? 1)) return { claim, message: failed.message ?? 'FailedBinding' };
  }
  return undefined;
}

/**
 * Decides whether a pod's pull failure (its Failed event, with the event's count) happened while we watch. After a
 * resume the old events are still there while the kubelet waits for its next back-off: only a new failed pull
 * proves the registry still refuses. Default: every failure counts (a first run).
 */
export type EventFreshness = (pod: string, failedPulls: number | undefined) => boolean;
const UNAUTHORIZED = /unauthorized|authentication required|access denied|denied: |no pull access/i;

/** Looks at one DC and its pods. */
function evaluateDc(
  name: string,
  dc: KubeObject | undefined,
  pods: KubeObject[],
  streams: KubeObject[],
  budgets: Budgets,
  events: Event[],
  isFresh: EventFreshness,
): { p: DcProgress; hopeless?: Hopeless; failedRollout?: boolean; wantsEvents?: boolean } {
  if (!dc) return { p: { name, state: 'waiting', reason: 'DeploymentConfig not found yet' } };
  const status = (dc.status ?? {}) as { latestVersion?: number; availableReplicas?: number; replicas?: number };
  const wanted = ((dc.spec as { replicas?: number })?.replicas ?? 1) || 1;
  const progressing = cond(dc, 'Progressing');
  if ((status.latestVersion ?? 0) > 0 && (status.availableReplicas ?? 0) >= wanted && cond(dc, 'Available')?.status === 'True') {
    return { p: { name, state: 'available' } };
  }
  if (progressing?.status === 'False') {
    const reason = `rollout failed: ${progressing.message ?? progressing.reason}`;
    return {
      p: { name, state: 'failed', reason },
      failedRollout: true,
      hopeless: { type: ErrorType.RolloutFailed, dc: name, diagnosis: `${name}: ${reason}`, suggestion: `fix the cause (see diagnostics), then resume: the rollout is retried (oc rollout retry dc/${name})` },
    };
  }
  if ((status.latestVersion ?? 0) === 0) {
    for (const tag of triggerTags(dc)) {
      const failure = importFailure(streams, tag);
      if (failure) {
        return {
          p: { name, state: 'waiting', reason: failure },
          hopeless: {
            type: UNAUTHORIZED.test(failure) ? ErrorType.ImagePullUnauthorized : ErrorType.ImageImportFailed,
            dc: name,
            diagnosis: `${name} waits on image update: ${failure}`,
            suggestion: 'check that the registry is reachable and the pull secret (registry.*) is valid; fix it, then resume',
          },
        };
      }
    }
    return { p: { name, state: 'waiting', reason: 'waiting on image update' } };
  }
  const own = pods.filter((pod) => pod.metadata.labels?.deploymentconfig === name || pod.metadata.name.startsWith(`${name}-${status.latestVersion}-`));
  for (const pod of own) {
    const isHook = /-hook-(pre|mid|post)$/.test(pod.metadata.name);
    for (const c of containerStatuses(pod)) {
      const w = waiting(c);
      if (!w) continue;
      if (w.reason === 'ErrImagePull' || w.reason === 'ImagePullBackOff') {
        // ImagePullBackOff only says "Back-off pulling image"; the pull error itself is in ErrImagePull and the events.
        const event = pullFailureEvent(events, pod.metadata.name);
        const cause = event
          ? isFresh(pod.metadata.name, event.count ?? 1) ? event.message : undefined
          : UNAUTHORIZED.test(w.message ?? '') && isFresh(pod.metadata.name, undefined) ? w.message : undefined;
        if (cause) {
          return {
            p: { name, state: 'waiting', reason: `${w.reason}: ${cause}` },
            hopeless: {
              type: ErrorType.ImagePullUnauthorized,
              dc: name,
              diagnosis: `${name}: pod ${pod.metadata.name} cannot pull its image (${w.reason}): ${cause}`,
              suggestion: 'the registry refuses the credentials: fix registry.username/registry.password (or the image), then resume',
            },
          };
        }
        return { p: { name, state: 'progressing', reason: `${c.name}: ${w.reason}` }, wantsEvents: true };
      }
      const restarts = c.restartCount ?? 0;
      if (isHook && restarts >= budgets.hookRestarts) {
        return {
          p: { name, state: 'waiting', reason: `pre-hook restarted ${restarts} times` },
          hopeless: {
            type: ErrorType.HookCrashLoop,
            dc: name,
            diagnosis: `${name}: hook pod ${pod.metadata.name} restarted ${restarts} times (budget ${budgets.hookRestarts})`,
            suggestion: 'read the hook pod log in the diagnostics (database, redis and backend must be up), fix it, then resume',
          },
        };
      }
      if (w.reason === 'CrashLoopBackOff' && !isHook && restarts >= budgets.crashLoopRestarts) {
        return {
          p: { name, state: 'waiting', reason: `container ${c.name} in CrashLoopBackOff (${restarts} restarts)` },
          hopeless: {
            type: ErrorType.RolloutFailed,
            dc: name,
            diagnosis: `${name}: container ${c.name} of ${pod.metadata.name} keeps crashing (${restarts} restarts)`,
            suggestion: 'read the container log in the diagnostics, fix the cause, then resume',
          },
        };
      }
      if (w.reason) return { p: { name, state: 'progressing', reason: `${isHook ? 'pre-hook ' : ''}${c.name}: ${w.reason}${restarts ? ` (${restarts} restarts)` : ''}` } };
    }
    const scheduled = cond(pod, 'PodScheduled');
    if (scheduled?.status === 'False') {
      const unbound = unboundClaim(pod, events, isFresh);
      if (unbound) {
        return {
          p: { name, state: 'waiting', reason: `claim ${unbound.claim} is unbound` },
          hopeless: {
            type: ErrorType.PvcUnbound,
            dc: name,
            diagnosis: `${name}: pod ${pod.metadata.name} cannot be scheduled: persistent volume claim ${unbound.claim} is unbound (${unbound.message})`,
            suggestion: `provide a PersistentVolume matching claim ${unbound.claim} (access mode and size; RWX for system-storage), then resume`,
          },
        };
      }
      return { p: { name, state: 'progressing', reason: `pod unschedulable: ${scheduled.message ?? scheduled.reason}` }, wantsEvents: /unbound/i.test(scheduled.message ?? '') };
    }
  }
  const ready = own.filter((pod) => cond(pod, 'Ready')?.status === 'True').length;
  return { p: { name, state: 'progressing', reason: own.length ? `${ready}/${wanted} pods ready` : (progressing?.message ?? 'rollout starting') } };
}

/**
 * A failed rollout hides its cause: the failed RC is scaled to 0, so its pods (and their pull errors) are gone.
 * The pods' events remain: an unauthorized pull among them is the real cause.
 */
function refineRolloutFailure(h: Hopeless, events: Event[]): Hopeless {
  const pull = pullFailure(events, `${h.dc}-`);
  if (!pull) {
    const crash = events.find((e) => e.involvedObject?.kind === 'Pod' && e.involvedObject.name?.startsWith(`${h.dc}-`) && e.reason === 'BackOff' && /restarting failed container/.test(e.message ?? ''));
    if (!crash) return h;
    return { ...h, diagnosis: `${h.diagnosis}: its containers kept crashing (CrashLoopBackOff)`, suggestion: 'read the container logs in the diagnostics, fix the cause, then resume (the rollout is retried)' };
  }
  return {
    type: ErrorType.ImagePullUnauthorized,
    dc: h.dc,
    diagnosis: `${h.diagnosis}: its pods could not pull their image: ${pull}`,
    suggestion: 'the registry refuses the credentials: fix registry.username/registry.password (or the image), then resume (the rollout is retried)',
  };
}

/** A lifecycle hook pod of another DC that has failed at least twice (restarting in place), if any. */
function failingHook(pods: KubeObject[], exceptDc: string): { dc: string; pod: string; restarts: number } | undefined {
  for (const pod of pods) {
    const m = /^(.+)-\d+-hook-(pre|mid|post)$/.exec(pod.metadata.name);
    if (!m || m[1] === exceptDc) continue;
    const restarts = Math.max(0, ...containerStatuses(pod).map((c) => c.restartCount ?? 0));
    if (restarts >= 2) return { dc: m[1], pod: pod.metadata.name, restarts };
  }
  return undefined;
}

/** Hopeless states by how close they are to a root cause (a failed rollout is usually a consequence). */
const ROOT_CAUSE_ORDER: string[] = [ErrorType.ImagePullUnauthorized, ErrorType.ImageImportFailed, ErrorType.PvcUnbound, ErrorType.HookCrashLoop, ErrorType.RolloutFailed];

/** Evaluates every DC of the template; `events` (optional) explain failed rollouts. */
export function evaluate(
  dcNames: readonly string[],
  dcs: KubeObject[],
  pods: KubeObject[],
  streams: KubeObject[],
  budgets: Budgets = DEFAULT_BUDGETS,
  events: KubeObject[] = [],
  isFresh: EventFreshness = () => true,
): Evaluation {
  const progress: DcProgress[] = [];
  const failedRollouts: string[] = [];
  const hopeless: Hopeless[] = [];
  let wantsEvents = false;
  for (const name of dcNames) {
    const r = evaluateDc(name, dcs.find((d) => d.metadata.name === name), pods, streams, budgets, events as Event[], isFresh);
    progress.push(r.p);
    wantsEvents ||= r.wantsEvents === true;
    if (r.failedRollout) failedRollouts.push(name);
    if (r.hopeless) hopeless.push(r.hopeless.type === ErrorType.RolloutFailed ? refineRolloutFailure(r.hopeless, events as Event[]) : r.hopeless);
  }
  hopeless.sort((a, b) => ROOT_CAUSE_ORDER.indexOf(a.type) - ROOT_CAUSE_ORDER.indexOf(b.type));
  // A rollout that timed out waiting for another DC (init containers waiting for system-app) is a consequence:
  // a hook of that other DC that keeps failing is the cause, even below its own restart budget.
  if (hopeless[0]?.type === ErrorType.RolloutFailed) {
    const hook = failingHook(pods, hopeless[0].dc);
    if (hook) {
      hopeless.unshift({
        type: ErrorType.HookCrashLoop,
        dc: hook.dc,
        diagnosis: `${hook.dc}: hook pod ${hook.pod} restarted ${hook.restarts} times, and ${hopeless[0].diagnosis} waiting for it`,
        suggestion: 'read the hook pod log in the diagnostics (database, redis and backend must be up), fix it, then resume',
      });
    }
  }
  return {
    progress,
    ready: progress.filter((p) => p.state === 'available').length,
    total: dcNames.length,
    hopeless: hopeless[0],
    failedRollouts,
    needsEvents: failedRollouts.length > 0 || wantsEvents,
  };
}
