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
    if (failed) return `image stream ${name}:${t.tag} import failed: ${failed.message ?? failed.reason ?? 'unknown reason'}`;
  }
  return undefined;
}

function containerStatuses(pod: KubeObject): ContainerStatus[] {
  const st = pod.status as { containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[] } | undefined;
  return [...(st?.initContainerStatuses ?? []), ...(st?.containerStatuses ?? [])];
}

const waiting = (c: ContainerStatus) => c.state?.waiting;
const UNAUTHORIZED = /unauthorized|authentication required|access denied|denied: |no pull access/i;

/** Looks at one DC and its pods. */
function evaluateDc(name: string, dc: KubeObject | undefined, pods: KubeObject[], streams: KubeObject[], budgets: Budgets): { p: DcProgress; hopeless?: Hopeless; failedRollout?: boolean } {
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
      if ((w.reason === 'ErrImagePull' || w.reason === 'ImagePullBackOff') && UNAUTHORIZED.test(w.message ?? '')) {
        return {
          p: { name, state: 'waiting', reason: `${w.reason}: ${w.message}` },
          hopeless: {
            type: ErrorType.ImagePullUnauthorized,
            dc: name,
            diagnosis: `${name}: pod ${pod.metadata.name} cannot pull its image (${w.reason}): ${w.message}`,
            suggestion: 'the registry refuses the credentials: fix registry.username/registry.password (or the image), then resume',
          },
        };
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
    if (scheduled?.status === 'False') return { p: { name, state: 'progressing', reason: `pod unschedulable: ${scheduled.message ?? scheduled.reason}` } };
  }
  const ready = own.filter((pod) => cond(pod, 'Ready')?.status === 'True').length;
  return { p: { name, state: 'progressing', reason: own.length ? `${ready}/${wanted} pods ready` : (progressing?.message ?? 'rollout starting') } };
}

/** Evaluates every DC of the template. */
export function evaluate(dcNames: readonly string[], dcs: KubeObject[], pods: KubeObject[], streams: KubeObject[], budgets: Budgets = DEFAULT_BUDGETS): Evaluation {
  const progress: DcProgress[] = [];
  const failedRollouts: string[] = [];
  let hopeless: Hopeless | undefined;
  for (const name of dcNames) {
    const r = evaluateDc(name, dcs.find((d) => d.metadata.name === name), pods, streams, budgets);
    progress.push(r.p);
    if (r.failedRollout) failedRollouts.push(name);
    hopeless ??= r.hopeless;
  }
  return { progress, ready: progress.filter((p) => p.state === 'available').length, total: dcNames.length, hopeless, failedRollouts };
}
