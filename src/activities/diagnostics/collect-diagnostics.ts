import type { ActivityDeps } from '../deps.js';
import { beat } from '../lib/heartbeat.js';
import { runCli, tail } from '../lib/run-cli.js';
import { listObjects, type KubeObject } from '../template/cluster-objects.js';
import { unadmittedRoutes } from '../threescale/routes.js';

export interface DiagnosticsInput {
  project: string;
  failedStep: string;
  errorType: string;
  /** The template's DCs (empty before deployTemplate ran). */
  deploymentConfigs: string[];
}

export interface DiagnosticsReport {
  /** A few lines for the paused state and the CLI. */
  summary: string;
  /** Everything collected (`amp-installer status ID --diagnostics`). */
  full: string;
  suggestion?: string;
}

type Cond = { type: string; status: string; reason?: string; message?: string };
type Event = KubeObject & { type?: string; reason?: string; message?: string; count?: number; lastTimestamp?: string; involvedObject?: { kind?: string; name?: string } };

const SUGGESTIONS: Record<string, string> = {
  ImagePullUnauthorized: 'fix the registry credentials (e.g. resume --set registry.password=env:NEW_VAR) or make the images pullable, then resume',
  ImageImportFailed: 'make the image registry reachable / the images importable, then resume',
  HookCrashLoop: 'read the pre-hook log below; once MySQL, Redis and backend are up, resume (the rollout is retried)',
  RolloutFailed: 'read the deployer and pod logs below, fix the cause, then resume (failed rollouts are retried)',
  ReadinessTimeout: 'resume with a longer timeout (--set timeouts.waitForReadiness=60m) if pods are still progressing',
  PvcUnbound: 'provide a PersistentVolume that matches the claim (RWX for system-storage), then resume',
};

const conditions = (o: KubeObject) => ((o.status as { conditions?: Cond[] } | undefined)?.conditions ?? []);

/** Why a pod needs a look (its first troubled container, or its phase), or undefined when it looks fine. */
export function podProblem(pod: KubeObject): string | undefined {
  type State = Record<string, { reason?: string; message?: string; exitCode?: number }>;
  const st = pod.status as { phase?: string; containerStatuses?: Array<{ name: string; ready?: boolean; restartCount?: number; state?: State; lastState?: State }>; initContainerStatuses?: unknown[] } | undefined;
  const statuses = [...((st?.initContainerStatuses ?? []) as NonNullable<typeof st>['containerStatuses'] & object), ...(st?.containerStatuses ?? [])];
  for (const c of statuses) {
    const w = c.state?.waiting ?? c.state?.terminated;
    if (w?.reason && w.reason !== 'Completed') return `${c.name}: ${w.reason}${w.message ? ` — ${w.message}` : ''}${c.restartCount ? ` (${c.restartCount} restarts)` : ''}`;
    // A crash-looping container is sometimes caught running again between two crashes: its last exit tells.
    const last = c.lastState?.terminated;
    if (c.restartCount && last && last.exitCode !== 0) return `${c.name}: restarted ${c.restartCount} times, last exit ${last.exitCode} (${last.reason ?? 'Error'})`;
  }
  if (st?.phase === 'Failed') return 'phase Failed';
  if (st?.phase === 'Pending') return conditions(pod).find((c) => c.status === 'False')?.message ?? 'Pending';
  return undefined;
}

type ContainerStatus = { name: string; restartCount?: number };

/** `oc logs POD [-c C] --tail=N [--previous]`: the log's last lines, or the error saying why there is none. */
async function containerLog(deps: ActivityDeps, project: string, pod: string, container: string | undefined, previous: boolean): Promise<string> {
  const args = ['logs', pod, '-n', project, '--tail=20', ...(container ? ['-c', container] : []), ...(previous ? ['--previous'] : [])];
  const res = await runCli(deps, { cli: 'oc', args, timeoutMs: 30_000 });
  beat();
  return res.exitCode === 0 ? tail(res.stdout, 20) : tail(res.stderr, 3);
}

/**
 * The pod's log. For a restarted container the previous instance's log comes first: a crash-looping container
 * has just been started again, its current log is often still empty, and the crash is in the one before.
 */
async function podLog(deps: ActivityDeps, project: string, pod: KubeObject): Promise<string> {
  const containers = ((pod.spec as { containers?: Array<{ name: string }> } | undefined)?.containers ?? []).map((c) => c.name);
  const container = containers.length > 1 ? containers[0] : undefined;
  const statuses = ((pod.status as { containerStatuses?: ContainerStatus[] } | undefined)?.containerStatuses ?? []);
  const restarts = statuses.find((c) => c.name === (container ?? containers[0]))?.restartCount ?? 0;
  const current = await containerLog(deps, project, pod.metadata.name, container, false);
  if (restarts === 0) return current || '(no output)';
  const previous = await containerLog(deps, project, pod.metadata.name, container, true);
  return [`(previous instance)`, previous || '(no output)', `(current instance)`, current || '(no output)'].join('\n');
}

/**
 * Collects what a human needs to understand a failed install: warning events, the failing DCs' conditions,
 * image import failures, and the last log lines of failing pods — deployer and hook pods included. Redacted.
 */
export function createCollectDiagnostics(deps: ActivityDeps) {
  return async function collectDiagnostics(input: DiagnosticsInput): Promise<DiagnosticsReport> {
    const { project } = input;
    const [dcs, pods, streams, events] = await Promise.all([
      listObjects(deps, project, 'deploymentconfigs').catch(() => []),
      listObjects(deps, project, 'pods').catch(() => []),
      listObjects(deps, project, 'imagestreams').catch(() => []),
      listObjects(deps, project, 'events').catch(() => []) as Promise<Event[]>,
    ]);
    const summary: string[] = [];
    const full: string[] = [`# Diagnostics for step ${input.failedStep} (${input.errorType}) in project ${project}`];

    const failingDcs = dcs.filter((d) => !conditions(d).some((c) => c.type === 'Available' && c.status === 'True'));
    full.push('', '## DeploymentConfigs not available');
    for (const dc of failingDcs) {
      const progressing = conditions(dc).find((c) => c.type === 'Progressing');
      const line = `${dc.metadata.name}: latestVersion ${(dc.status as { latestVersion?: number })?.latestVersion ?? 0}${progressing ? `, ${progressing.reason ?? progressing.status}: ${progressing.message ?? ''}` : ', waiting on image update'}`;
      full.push(`- ${line}`);
    }
    full.push('', '## Image imports');
    for (const is of streams) {
      const tags = ((is.status as { tags?: Array<{ tag: string; conditions?: Cond[] }> })?.tags ?? []);
      for (const t of tags) for (const c of t.conditions ?? []) if (c.type === 'ImportSuccess' && c.status === 'False') {
        const line = `${is.metadata.name}:${t.tag} import failed: ${c.message ?? c.reason}`;
        full.push(`- ${line}`);
        summary.push(line);
      }
    }
    const refused = await unadmittedRoutes(deps, project).catch(() => []);
    full.push('', '## Routes the router does not serve');
    for (const r of refused) {
      const line = `route ${r.name} (${r.host}): ${r.reason}: ${r.message}`;
      full.push(`- ${line}`);
      summary.push(line);
    }
    full.push('', '## Pods with problems (with their last log lines)');
    for (const pod of pods) {
      const problem = podProblem(pod);
      if (!problem) continue;
      summary.push(`pod ${pod.metadata.name}: ${problem}`);
      full.push(`### ${pod.metadata.name}: ${problem}`, '```', await podLog(deps, project, pod), '```');
    }
    const warnings = events.filter((e) => e.type === 'Warning').sort((a, b) => String(a.lastTimestamp).localeCompare(String(b.lastTimestamp)));
    full.push('', '## Warning events (newest last)');
    for (const e of warnings.slice(-25)) full.push(`- ${e.involvedObject?.kind}/${e.involvedObject?.name}: ${e.reason} (x${e.count ?? 1}): ${e.message}`);
    for (const e of warnings.slice(-3)) summary.push(`event ${e.involvedObject?.name}: ${e.reason}: ${e.message}`);
    if (failingDcs.length) summary.unshift(`DCs not available: ${failingDcs.map((d) => d.metadata.name).join(', ')}`);
    return {
      summary: deps.redactor.redact(summary.slice(0, 12).join('\n')),
      full: deps.redactor.redact(full.join('\n')),
      suggestion: SUGGESTIONS[input.errorType],
    };
  };
}
