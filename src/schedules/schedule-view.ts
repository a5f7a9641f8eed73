import type { ScheduleDescription } from '@temporalio/client';

import { describeCadence } from './cadence.js';
import type { RebuildScheduleMemo } from './rebuild-schedule.js';
import type { ScheduleRun } from './schedule-runs.js';

/** One line of `schedule list` (and its `--json` element). */
export interface ScheduleListEntry {
  name: string;
  /** `every 24h` or `cron "0 3 * * *" (UTC)`. */
  schedule: string;
  target?: string;
  paused: boolean;
  note?: string;
  nextRun?: string;
  /** The newest rebuild: its workflow id, status and what its install came to (`install installed`, …). */
  lastRun?: Pick<ScheduleRun, 'workflowId' | 'status' | 'takenAt'> & { outcome: string };
}

/** What `schedule describe` shows (and prints with `--json`). */
export interface ScheduleDetails {
  name: string;
  schedule: string;
  cadence?: RebuildScheduleMemo['cadence'];
  target?: string;
  project?: string;
  platform?: string;
  vm?: string;
  specFile?: string;
  workflowIdPrefix?: string;
  taskQueue: string;
  policies: { overlap: string; catchupWindow: string; pauseOnFailure: boolean };
  state: { paused: boolean; note?: string };
  counts: { actions: number; skippedOverlap: number; missedCatchupWindow: number };
  running: string[];
  upcomingRuns: string[];
  recentRuns: ScheduleRun[];
  createdAt: string;
}

/** The memo of one of our schedules, or undefined for any other schedule. */
export function rebuildMemo(memo: Record<string, unknown> | undefined): RebuildScheduleMemo | undefined {
  return memo?.kind === 'amp-rebuild' ? (memo as unknown as RebuildScheduleMemo) : undefined;
}

function duration(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${Math.round(ms / 1000)}s`;
}

/** The `describe` view of a schedule and its recent runs. */
export function scheduleDetails(desc: ScheduleDescription, runs: ScheduleRun[]): ScheduleDetails {
  const memo = rebuildMemo(desc.memo);
  const workflowId = desc.action.workflowId;
  return {
    name: desc.scheduleId,
    schedule: describeCadence(memo?.cadence),
    ...(memo ? { cadence: memo.cadence, target: memo.target, project: memo.project, platform: memo.platform, vm: memo.vm, specFile: memo.specFile } : {}),
    ...(workflowId ? { workflowIdPrefix: workflowId } : {}),
    taskQueue: desc.action.taskQueue,
    policies: { overlap: (desc.policies.overlap ?? 'SKIP').toLowerCase(), catchupWindow: duration(desc.policies.catchupWindow), pauseOnFailure: desc.policies.pauseOnFailure },
    state: { paused: desc.state.paused, ...(desc.state.note ? { note: desc.state.note } : {}) },
    counts: { actions: desc.info.numActionsTaken, skippedOverlap: desc.info.numActionsSkippedOverlap, missedCatchupWindow: desc.info.numActionsMissedCatchupWindow },
    running: desc.info.runningActions.map((a) => a.workflow.workflowId),
    upcomingRuns: desc.info.nextActionTimes.map((d) => d.toISOString()),
    recentRuns: runs,
    createdAt: desc.info.createdAt.toISOString(),
  };
}

/** `installed`, `paused at waitForReadiness`, `tearing down`: what a run's install came to. */
export function runOutcome(run: ScheduleRun): string {
  if (run.install) {
    const i = run.install;
    return `install ${i.state}${i.step && i.state !== 'installed' ? ` at ${i.step}` : ''}`;
  }
  if (run.status === 'running') return 'tearing down';
  return run.status === 'completed' ? 'no install' : 'no install started';
}

/** The text of `schedule describe`. */
export function renderDetails(d: ScheduleDetails): string {
  const lines = [`Schedule ${d.name}: ${d.state.paused ? 'paused' : 'active'}${d.state.note ? ` (note: ${d.state.note})` : ''}`];
  if (d.project) lines.push(`  Rebuilds:    project ${d.project} on ${d.platform} (target ${d.target}), VM ${d.vm}`);
  if (d.specFile) lines.push(`  Spec:        snapshot of ${d.specFile} taken at creation`);
  lines.push(`  Schedule:    ${d.schedule}`);
  lines.push(`  Policies:    overlap ${d.policies.overlap}, catch-up window ${d.policies.catchupWindow}, pause on failure ${d.policies.pauseOnFailure ? 'yes' : 'no'}`);
  lines.push(`  Workflows:   ${d.workflowIdPrefix ?? '?'}-<scheduled time> on task queue ${d.taskQueue}`);
  lines.push(`  Actions:     ${d.counts.actions} taken, ${d.counts.skippedOverlap} skipped (overlap), ${d.counts.missedCatchupWindow} missed (catch-up window)`);
  if (d.running.length) lines.push(`  Running:     ${d.running.join(', ')}`);
  const upcoming = d.upcomingRuns.slice(0, 5).map((t) => `  ${t}`);
  lines.push('', 'Upcoming runs:', ...(upcoming.length ? upcoming : [d.state.paused ? '  none while paused' : '  none']));
  lines.push('', 'Recent runs (newest first):');
  if (!d.recentRuns.length) lines.push('  none yet');
  for (const r of d.recentRuns) {
    lines.push(`  ${r.takenAt}  ${r.workflowId}  ${r.status}  ${runOutcome(r)}`);
    if (r.install) lines.push(`      install ${r.install.workflowId} (run ${r.install.runId})${r.install.summary ? `: ${r.install.summary}` : ''}`);
    if (r.error) lines.push(`      error: ${r.error}`);
  }
  return lines.join('\n');
}

/** The table of `schedule list`. */
export function renderList(entries: ScheduleListEntry[]): string {
  if (!entries.length) return 'No rebuild schedules. Create one with: amp-installer schedule create NAME -f spec.yaml --cron "0 3 * * *"';
  const rows = entries.map((e) => [
    e.name,
    e.schedule,
    e.paused ? 'yes' : 'no',
    e.nextRun ?? '-',
    e.lastRun ? `${e.lastRun.status}, ${e.lastRun.outcome} (${e.lastRun.workflowId})` : '-',
  ]);
  const header = ['NAME', 'SCHEDULE', 'PAUSED', 'NEXT RUN', 'LAST RUN'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')).join('\n');
}
