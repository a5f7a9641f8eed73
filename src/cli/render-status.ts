import type { InstallStatus, StepStatus } from '../shared/install-status.js';

const MARK: Record<StepStatus['state'], string> = {
  pending: '·',
  running: '▸',
  succeeded: '✔',
  skipped: '-',
  failed: '✘',
  cancelled: '⊘',
};

/** A readiness bar like `[██████░░░░] 9/15`. */
export function readinessBar(ready: number, total: number, width = 20): string {
  if (total <= 0) return '';
  const full = Math.round((ready / total) * width);
  return `[${'█'.repeat(full)}${'░'.repeat(width - full)}] ${ready}/${total}`;
}

function duration(ms?: number): string {
  if (ms === undefined) return '';
  return ms < 1000 ? `${ms} ms` : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** The step list with states, attempts, durations and errors. */
export function renderSteps(status: InstallStatus): string[] {
  return status.steps.map((s) => {
    const extra = [s.attempts > 1 ? `attempt ${s.attempts}` : '', s.runs > 1 ? `run ${s.runs}` : '', duration(s.durationMs)].filter(Boolean).join(', ');
    const line = `  ${MARK[s.state]} ${s.title.padEnd(36)} ${s.state}${extra ? ` (${extra})` : ''}`;
    return s.error && s.state === 'failed' ? `${line}\n      ${s.error.type}: ${s.error.message}` : line;
  });
}

/** The full human-readable status (the `status` command and the end of `install`). */
export function renderStatus(status: InstallStatus, opts: { uiLink?: string } = {}): string {
  const lines = [`Install ${status.workflowId}: ${status.state}${status.currentStep && status.state === 'running' ? ` (step ${status.currentStep})` : ''}`];
  lines.push(...renderSteps(status));
  if (status.readiness.total > 0) lines.push(`  readiness ${readinessBar(status.readiness.ready, status.readiness.total)}`);
  if (status.specProblems?.length) lines.push('Invalid spec:', ...status.specProblems.map((p) => `  ${p}`));
  if (status.pause) {
    const p = status.pause;
    lines.push('', `Paused at ${p.step}: ${p.error.message}`);
    if (p.diagnosis) lines.push('Diagnosis:', ...p.diagnosis.split('\n').map((l) => `  ${l}`));
    if (p.suggestion) lines.push(`Suggested fix: ${p.suggestion}`);
    lines.push(`Resume: ${p.resumeCommand} [--set path=value ...]`, `Abort:  ${p.abortCommand} [--teardown]`, `Details: amp-installer status ${status.workflowId} --diagnostics`);
  }
  if (status.warnings.length) lines.push('', ...status.warnings.map((w) => `warning: ${w}`));
  if (Object.keys(status.outputs).length > 0) {
    lines.push('', 'Outputs:');
    for (const [k, v] of Object.entries(status.outputs)) lines.push(`  ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  }
  if (status.summary && status.state !== 'paused') lines.push('', status.summary);
  if (opts.uiLink) lines.push(`Temporal UI: ${opts.uiLink}`);
  return lines.join('\n');
}

/** Exit code for a final state: 0 installed, 3 paused, 1 anything else. */
export function exitCodeFor(state: InstallStatus['state']): 0 | 1 | 3 {
  return state === 'installed' ? 0 : state === 'paused' ? 3 : 1;
}
