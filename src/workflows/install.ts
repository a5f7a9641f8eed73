import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  executeChild,
  isCancellation,
  log,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';

import { clusterSession } from '../plugins/cluster-info.js';
import { BUILTIN_PLUGINS } from '../plugins/index.js';
import type { InstallStatus } from '../shared/install-status.js';
import { diagnosticsQuery, readinessSignal, statusQuery } from '../shared/messages.js';
import { buildPlan, type PlannedStep, type StepContext } from '../shared/plan.js';
import { INSTALL_PLATFORM, INSTALL_PROJECT } from '../shared/search-attributes.js';
import { formatProblems, parseSpec, type InstallSpec, type InstallSpecInput } from '../shared/spec.js';
import { Decisions } from './install/decisions.js';
import { collectDiagnosticsFor } from './install/diagnose.js';
import { notifyWebhook } from './install/notify.js';
import { parentNotes, type ParentNotes } from './install/parent-notes.js';
import { runStep, stepError } from './install/run-step.js';
import { InstallTracker } from './install/tracker.js';
import { teardown } from './teardown.js';

/** Options of an install besides the spec (the Web UI's Start Workflow form sends only the spec). */
export interface InstallOptions {
  /** Where the CLI tells users to run commands (resume/abort hints). @default amp-installer */
  cliName?: string;
  /** A workflow (a lab) to tell about every state change, with the key it knows this install by. */
  parent?: { workflowId: string; key: string };
}

/**
 * Installs 3scale as the spec says: runs the plan's steps in order; a failed step pauses the install (or fails
 * it, per the spec's onFailure) until `resume` (optionally with spec changes) re-runs it, or `abort` ends it.
 * Input: the install spec as one JSON object — exactly what the Web UI's Start Workflow form sends.
 */
export async function install(input: InstallSpecInput, options: InstallOptions = {}): Promise<InstallStatus> {
  const notes = options.parent ? parentNotes(options.parent) : undefined;
  try {
    return await runInstall(input, options, notes);
  } finally {
    // The last note (installed, failed, cancelled) must reach the parent before this workflow closes.
    await CancellationScope.nonCancellable(async () => notes?.flush());
  }
}

async function runInstall(input: InstallSpecInput, options: InstallOptions, notes: ParentNotes | undefined): Promise<InstallStatus> {
  const { workflowId } = workflowInfo();
  const tracker = new InstallTracker(workflowId);
  let specInput = input;
  let diagnostics = '';
  setHandler(statusQuery, () => tracker.status);
  setHandler(diagnosticsQuery, () => diagnostics);
  setHandler(readinessSignal, (progress) => tracker.setReadiness(progress));
  const decisions = new Decisions(tracker, () => specInput);
  if (notes) tracker.onStateChange = (status) => notes.tell(status);

  const parsed = parseSpec(input);
  if (parsed.problems) {
    tracker.status.specProblems = parsed.problems.map((p) => `${p.path}: ${p.message}`);
    tracker.setState('failed', 'The spec is invalid; nothing was changed.');
    throw ApplicationFailure.create({ type: 'InvalidInput', nonRetryable: true, message: `invalid spec:\n${formatProblems(parsed.problems)}`, details: [tracker.status] });
  }
  let spec: InstallSpec = parsed.spec;
  tracker.status.project = spec.openshift.project;
  upsertSearchAttributes([
    { key: INSTALL_PROJECT, value: spec.openshift.project },
    { key: INSTALL_PLATFORM, value: spec.platform.type },
  ]);
  let plan = buildPlan(spec, BUILTIN_PLUGINS);
  tracker.setPlan(plan);
  const outputs: Record<string, unknown> = {};
  const resumes: Record<string, number> = {};
  const cli = options.cliName ?? 'amp-installer';

  /** Runs one step until it succeeds, or pauses and returns what a human decided. */
  const execute = async (step: PlannedStep): Promise<'done' | 'resumed' | 'aborted'> => {
    const ctx: StepContext = { spec, workflowId, outputs, resumes: resumes[step.name] ?? 0 };
    tracker.startStep(step.name);
    try {
      const result = await runCancellableStep(step, withSession(step.definition.input(ctx), outputs), decisions);
      outputs[step.name] = result.output;
      if (step.provides) outputs[step.provides] = result.output;
      publishOutputs(tracker, result.output);
      tracker.succeedStep(step.name, result.output, result.attempt, result.warnings);
      return 'done';
    } catch (err) {
      if (isCancellation(err) && decisions.abortRequested) return 'aborted';
      if (isCancellation(err)) throw err;
      const { error, attempts } = stepError(err, step);
      tracker.failStep(step.name, error, attempts);
      if (step.onFailure === 'fail') {
        tracker.setState('failed', `Failed at ${step.name}: ${error.message}`);
        await notifyWebhook(spec, 'failed', tracker.status);
        throw ApplicationFailure.create({ type: 'InstallFailed', nonRetryable: true, message: `${step.title} failed: ${error.message}`, details: [tracker.status] });
      }
      const diag = await collectDiagnosticsFor(spec, step, error, outputs);
      diagnostics = diag.full;
      tracker.pause({
        step: step.name,
        since: new Date().toISOString(),
        error,
        diagnosis: diag.summary || error.diagnosis,
        suggestion: error.suggestion ?? diag.suggestion,
        resumeCommand: `${cli} resume ${workflowId}`,
        abortCommand: `${cli} abort ${workflowId}`,
      });
      log.warn('Install paused', { step: step.name, type: error.type });
      // Not awaited: a slow webhook must not delay a human's resume.
      void notifyWebhook(spec, 'paused', tracker.status);
      const decision = await decisions.next(spec.pauseTimeout);
      if (!decision) {
        tracker.setState('failed', `Paused at ${step.name} for longer than ${spec.pauseTimeout}; gave up.`);
        await notifyWebhook(spec, 'failed', tracker.status);
        throw ApplicationFailure.create({ type: 'InstallFailed', nonRetryable: true, message: `paused at ${step.name} past pauseTimeout`, details: [tracker.status] });
      }
      if (decision.kind === 'abort') return 'aborted';
      // Resume: the changed spec rebuilds the plan; the failed step runs again, the ones before it do not.
      specInput = decision.input;
      spec = decision.spec;
      plan = buildPlan(spec, BUILTIN_PLUGINS);
      tracker.setPlan(plan);
      resumes[step.name] = (resumes[step.name] ?? 0) + 1;
      return 'resumed';
    }
  };

  try {
    let i = 0;
    while (i < plan.length) {
      const step = plan[i];
      if (step.skip) {
        i++;
        continue;
      }
      const outcome = await execute(step);
      if (outcome === 'aborted') return await aborted(tracker, step.name, decisions.abortRequested?.teardown ? specInput : undefined);
      if (outcome === 'done') i++;
      else {
        i = plan.findIndex((p) => p.name === step.name);
        if (i < 0) throw ApplicationFailure.create({ type: 'InvalidInput', nonRetryable: true, message: `the changed spec has no step ${step.name}` });
      }
    }
  } catch (err) {
    if (isCancellation(err)) {
      await CancellationScope.nonCancellable(async () => {
        const at = tracker.status.currentStep;
        if (at && tracker.step(at).state === 'running') tracker.failStep(at, { type: 'Cancelled', message: 'cancelled' }, tracker.step(at).attempts, 'cancelled');
        tracker.setState('cancelled', `Cancelled during ${at ?? 'the install'}; a new install of the same target resumes from the cluster's state.`);
      });
    }
    throw err;
  }
  tracker.status.currentStep = undefined;
  tracker.setState('installed', '3scale is installed.');
  await notifyWebhook(spec, 'installed', tracker.status);
  await condition(allHandlersFinished);
  return tracker.status;
}

/** Runs the step in a scope that an `abort` cancels (which kills the step's CLI child). */
async function runCancellableStep(step: PlannedStep, input: unknown, decisions: Decisions) {
  return CancellationScope.cancellable(async () => {
    const scope = CancellationScope.current();
    // The watcher itself is cancelled with the scope: its rejection is expected (an unhandled one would fail the task).
    condition(() => decisions.abortRequested !== undefined).then(
      () => scope.cancel(),
      () => undefined,
    );
    return runStep(step, input);
  });
}

/** Ends the install as aborted; with a spec, tears the target down first (a child `teardown` workflow). */
async function aborted(tracker: InstallTracker, at: string, teardownSpec?: InstallSpecInput): Promise<InstallStatus> {
  const s = tracker.step(at);
  if (s.state === 'running') tracker.failStep(at, { type: 'Aborted', message: 'aborted' }, s.attempts, 'cancelled');
  let summary = `Aborted at ${at}.`;
  if (teardownSpec) {
    const result = await executeChild(teardown, { args: [teardownSpec, { cancelInstall: false }], workflowId: `${tracker.status.workflowId}/teardown` });
    summary += ` Torn down: project ${result.project} ${result.projectAction}.`;
  }
  tracker.setState('aborted', summary);
  await condition(allHandlersFinished);
  return tracker.status;
}

/** Adds the cluster session (the VM's own kubeconfig) to a step's input once the platform step provided it. */
function withSession(input: unknown, outputs: Record<string, unknown>): unknown {
  const session = clusterSession(outputs);
  return session && input && typeof input === 'object' ? { ...input, session } : input;
}

/** Steps may return `publish`: values that become the install's outputs (URLs, users, where secrets live). */
function publishOutputs(tracker: InstallTracker, output: unknown): void {
  const publish = (output as { publish?: Record<string, unknown> } | undefined)?.publish;
  if (publish) Object.assign(tracker.status.outputs, publish);
}
