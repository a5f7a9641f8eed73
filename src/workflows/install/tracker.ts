import { setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';

import type { InstallState, InstallStatus, PauseInfo, ReadinessProgress, StepError } from '../../shared/install-status.js';
import type { PlannedStep } from '../../shared/plan.js';
import { INSTALL_READY, INSTALL_STATE, INSTALL_STEP } from '../../shared/search-attributes.js';
import { renderDetails } from './details.js';

const now = () => new Date().toISOString();

/**
 * The install's status object and everything that mirrors it: the Web UI's current details and the search
 * attributes. Every state change goes through here so the three never disagree.
 */
export class InstallTracker {
  readonly status: InstallStatus;
  /** Called after every state change (the install tells its parent, if any). */
  onStateChange?: (status: InstallStatus) => void;

  constructor(workflowId: string) {
    this.status = { workflowId, state: 'running', steps: [], readiness: { ready: 0, total: 0 }, outputs: {}, warnings: [], startedAt: now() };
  }

  /** Lists the plan's steps (keeping what earlier runs recorded for steps of the same name). */
  setPlan(plan: readonly PlannedStep[]): void {
    const old = new Map(this.status.steps.map((s) => [s.name, s]));
    this.status.steps = plan.map(
      (p) => old.get(p.name) ?? { name: p.name, title: p.title, state: p.skip ? 'skipped' : 'pending', attempts: 0, runs: 0 },
    );
    this.publish();
  }

  step(name: string) {
    const s = this.status.steps.find((x) => x.name === name);
    if (!s) throw new Error(`unknown step ${name}`);
    return s;
  }

  startStep(name: string): void {
    const s = this.step(name);
    Object.assign(s, { state: 'running', startedAt: now(), endedAt: undefined, durationMs: undefined, error: undefined });
    s.runs += 1;
    this.status.currentStep = name;
    this.status.pause = undefined;
    this.setState('running');
  }

  succeedStep(name: string, output: unknown, attempt: number, warnings: readonly string[] = []): void {
    const s = this.step(name);
    const endedAt = now();
    Object.assign(s, { state: 'succeeded', output, attempts: attempt, endedAt, durationMs: Date.parse(endedAt) - Date.parse(s.startedAt ?? endedAt) });
    for (const w of warnings) if (!this.status.warnings.includes(w)) this.status.warnings.push(w);
    this.publish();
  }

  failStep(name: string, error: StepError, attempts: number, state: 'failed' | 'cancelled' = 'failed'): void {
    const s = this.step(name);
    const endedAt = now();
    Object.assign(s, { state, error, attempts, endedAt, durationMs: Date.parse(endedAt) - Date.parse(s.startedAt ?? endedAt) });
    this.publish();
  }

  setReadiness(progress: ReadinessProgress): void {
    this.status.readiness = progress;
    upsertSearchAttributes([{ key: INSTALL_READY, value: progress.ready }]);
    this.publish();
  }

  pause(info: PauseInfo): void {
    this.status.pause = info;
    this.setState('paused');
  }

  setState(state: InstallState, summary?: string): void {
    this.status.state = state;
    if (summary !== undefined) this.status.summary = summary;
    if (state !== 'running' && state !== 'paused') this.status.endedAt = now();
    upsertSearchAttributes([
      { key: INSTALL_STATE, value: state },
      { key: INSTALL_STEP, value: this.status.currentStep ?? '' },
    ]);
    this.publish();
    this.onStateChange?.(this.status);
  }

  /** Pushes the status to the Web UI's "Current Details". */
  publish(): void {
    setCurrentDetails(renderDetails(this.status));
  }
}
