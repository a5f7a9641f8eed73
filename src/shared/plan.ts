/**
 * The plan engine's vocabulary: a plan is an ordered list of steps built deterministically from the spec by
 * plugins. Workflow-safe (runs inside the `install` workflow).
 *
 * @experimental The plugin interface may change while more platforms (CRC) and methods (operator) land.
 */
import type { InstallSpec, StepName } from './spec.js';

/** Retry policy of a step (Temporal's RetryPolicy in workflow-safe form). */
export interface StepRetry {
  maximumAttempts: number;
  initialInterval: string;
  maximumInterval: string;
  backoffCoefficient: number;
}

/** What a step can read when its input is built: the spec and the outputs of the steps before it. */
export interface StepContext {
  spec: InstallSpec;
  workflowId: string;
  outputs: Readonly<Record<string, unknown>>;
  /** How many times this step has been resumed after a pause (0 on the first run). */
  resumes: number;
}

/** One step a plugin contributes. */
export interface StepDefinition {
  /** Step name, unique in a plan; the spec's timeouts/retries/onFailure keys use it. */
  name: StepName | (string & {});
  /** Human title shown in progress output and the Web UI. */
  title: string;
  /** Activity type the step runs (a key of the worker's activity registry). */
  activity: string;
  /** Names of steps that must have succeeded before this one. */
  dependsOn: string[];
  /** Also store the step's output under this name (e.g. `cluster`, which every platform's last step provides). */
  provides?: string;
  /** The activity's single input object. */
  input(ctx: StepContext): unknown;
  /** Whether the step runs at all (skipped steps are shown as skipped). @default always */
  when?(spec: InstallSpec): boolean;
  /** Start-to-close timeout unless the spec sets one. */
  timeout: string;
  /** Heartbeat timeout for long steps (cancellation reaches an activity only through heartbeats). */
  heartbeatTimeout?: string;
  /** Retry policy unless the spec overrides parts of it. */
  retry: Partial<StepRetry>;
}

/** A plugin: a platform (minishift, existing), an install method (template) or extra steps (preflight, smokeTest). */
export interface InstallPlugin {
  name: string;
  kind: 'platform' | 'method' | 'step';
  /** Whether the plugin takes part in the install of this spec. */
  appliesTo(spec: InstallSpec): boolean;
  steps: StepDefinition[];
}

/** A step of a built plan, with the spec's overrides applied. */
export interface PlannedStep {
  name: string;
  title: string;
  activity: string;
  dependsOn: string[];
  skip: boolean;
  timeout: string;
  heartbeatTimeout?: string;
  retry: StepRetry;
  onFailure: 'pause' | 'fail';
  provides?: string;
  definition: StepDefinition;
}

const DEFAULT_RETRY: StepRetry = { maximumAttempts: 5, initialInterval: '2s', maximumInterval: '1m', backoffCoefficient: 2 };

/** Thrown when plugins contribute an inconsistent plan (duplicate step, unknown or cyclic dependency). */
export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanError';
  }
}

/**
 * Builds the plan for a spec: the steps of every plugin that applies, in dependency order (ties keep the
 * plugins' order), with the spec's per-step timeouts, retries and failure policy. Deterministic.
 */
export function buildPlan(spec: InstallSpec, plugins: readonly InstallPlugin[]): PlannedStep[] {
  const defs = plugins.filter((p) => p.appliesTo(spec)).flatMap((p) => p.steps);
  const byName = new Map<string, StepDefinition>();
  for (const d of defs) {
    if (byName.has(d.name)) throw new PlanError(`two plugins define the step "${d.name}"`);
    byName.set(d.name, d);
  }
  const ordered: StepDefinition[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (d: StepDefinition, from?: string): void => {
    if (state.get(d.name) === 'done') return;
    if (state.get(d.name) === 'visiting') throw new PlanError(`steps depend on each other in a cycle through "${d.name}"`);
    state.set(d.name, 'visiting');
    for (const dep of d.dependsOn) {
      const target = byName.get(dep);
      if (!target) throw new PlanError(`step "${d.name}" depends on "${dep}", which no plugin provides${from ? '' : ''}`);
      visit(target, d.name);
    }
    state.set(d.name, 'done');
    ordered.push(d);
  };
  defs.forEach((d) => visit(d));
  const key = (name: string) => name as StepName;
  return ordered.map((d) => ({
    name: d.name,
    title: d.title,
    activity: d.activity,
    dependsOn: d.dependsOn,
    skip: d.when ? !d.when(spec) : false,
    timeout: spec.timeouts[key(d.name)] ?? d.timeout,
    heartbeatTimeout: spec.heartbeatTimeouts[key(d.name)] ?? d.heartbeatTimeout,
    retry: { ...DEFAULT_RETRY, ...d.retry, ...stripUndefined(spec.retries[key(d.name)] ?? {}) },
    onFailure: spec.onFailure[key(d.name)] ?? 'pause',
    provides: d.provides,
    definition: d,
  }));
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
