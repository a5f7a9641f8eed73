import { log, sleep } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';

import { ErrorType } from '../../shared/errors.js';
import type { ReadinessProgress } from '../../shared/install-status.js';
import { readinessSignal } from '../../shared/messages.js';
import type { ActivityDeps } from '../deps.js';
import { currentContext, reportProgress } from '../lib/heartbeat.js';
import { cliFailure, runCli } from '../lib/run-cli.js';
import { invalidInput, stepActivity } from '../lib/step-activity.js';
import { listObjects } from '../template/cluster-objects.js';
import { DEFAULT_BUDGETS, evaluate, type Budgets } from './evaluate.js';

export interface WaitForReadinessInput {
  project: string;
  /** The template's DeploymentConfigs: deployer and hook pods come and go, the DCs are what must be available. */
  deploymentConfigs: string[];
  /** The install workflow to send progress to. */
  workflowId: string;
  /** Retry (once) rollouts that failed, instead of reporting them: set when the install resumes after a pause. */
  retryFailedRollouts?: boolean;
  budgets?: Partial<Budgets>;
}

/** What survives a worker restart in the heartbeat details. */
interface Checkpoint {
  startedAt: number;
  retried: string[];
  last?: ReadinessProgress;
  /** After a resume: failed pulls per pod when we first looked (only later failures prove the registry still refuses). */
  pullBaseline?: Record<string, number>;
  /** Image streams imported again after the resume. */
  reimported?: string[];
}

/** `oc import-image NAME --all` for every image stream whose last import failed (once per stream per run). */
async function reimportFailed(deps: ActivityDeps, project: string, cp: Checkpoint): Promise<void> {
  const streams = await listObjects(deps, project, 'imagestreams');
  cp.reimported ??= [];
  for (const is of streams) {
    const tags = ((is.status as { tags?: Array<{ conditions?: Array<{ type: string; status: string }> }> } | undefined)?.tags ?? []);
    const failed = tags.some((t) => t.conditions?.some((c) => c.type === 'ImportSuccess' && c.status === 'False'));
    if (!failed || cp.reimported.includes(is.metadata.name)) continue;
    // oc import-image waits for the import and exits non-zero when it fails again; the evaluation reports that.
    await runCli(deps, { cli: 'oc', args: ['import-image', is.metadata.name, '--all', '-n', project], timeoutMs: 5 * 60_000 });
    cp.reimported.push(is.metadata.name);
    log.info('Imported a failed image stream again', { imagestream: is.metadata.name });
  }
}

const MARGIN_MS = 20_000;

async function retryRollout(deps: ActivityDeps, project: string, dc: string): Promise<void> {
  const res = await runCli(deps, { cli: 'oc', args: ['rollout', 'retry', `dc/${dc}`, '-n', project], timeoutMs: 60_000 });
  if (res.exitCode !== 0) throw cliFailure(deps, res, `oc rollout retry dc/${dc} failed`);
  log.info('Retried a failed rollout', { dc });
}

async function sendProgress(deps: ActivityDeps, workflowId: string, progress: ReadinessProgress): Promise<void> {
  if (!deps.client) return;
  try {
    await deps.client.workflow.getHandle(workflowId).signal(readinessSignal, progress);
  } catch (err) {
    // Progress is informational: a lost signal must never fail the step.
    log.warn('Could not report readiness progress', { error: (err as Error).message });
  }
}

/**
 * Waits until every DeploymentConfig of the template is available, reporting n/total and each DC's state (as
 * heartbeat details and as signals to the workflow), and fails fast with a diagnosis on a hopeless state
 * (unauthorized pulls, failed imports, failed rollouts, a crash-looping pre-hook) instead of waiting for the
 * deadline. A new attempt after a worker restart continues from the heartbeat details.
 */
export function createWaitForReadiness(deps: ActivityDeps, pollMs: number) {
  return stepActivity(async (input: WaitForReadinessInput) => {
    if (input.deploymentConfigs.length === 0) throw invalidInput('no DeploymentConfigs to wait for');
    const ctx = currentContext();
    const previous = ctx?.info.heartbeatDetails as Checkpoint | undefined;
    const cp: Checkpoint = {
      startedAt: previous?.startedAt ?? Date.now(),
      retried: previous?.retried ?? [],
      last: previous?.last,
      pullBaseline: previous?.pullBaseline ?? (input.retryFailedRollouts ? {} : undefined),
    };
    const baseline = cp.pullBaseline;
    const isFresh = (pod: string, failedPulls: number | undefined): boolean => {
      if (!baseline) return true;
      if (failedPulls === undefined) return false; // no event to count: wait for one
      if (!(pod in baseline)) baseline[pod] = failedPulls;
      return failedPulls > baseline[pod];
    };
    if (previous) log.info('Continuing from the last heartbeat', { ready: previous.last?.ready, retried: previous.retried });
    const budgets = { ...DEFAULT_BUDGETS, ...input.budgets };
    const deadline = ctx ? Date.now() + ctx.info.startToCloseTimeoutMs - MARGIN_MS : Number.POSITIVE_INFINITY;
    let lastKey = '';
    // After a pause, failed image imports are imported again (a failed import is never retried by itself).
    if (input.retryFailedRollouts) await reimportFailed(deps, input.project, cp);
    for (;;) {
      const [dcs, pods, streams] = await Promise.all([
        listObjects(deps, input.project, 'deploymentconfigs'),
        listObjects(deps, input.project, 'pods'),
        listObjects(deps, input.project, 'imagestreams'),
      ]);
      let result = evaluate(input.deploymentConfigs, dcs, pods, streams, budgets, [], isFresh);
      if (result.needsEvents) {
        // Only then are events needed: they hold the pull errors that ImagePullBackOff and failed rollouts hide.
        result = evaluate(input.deploymentConfigs, dcs, pods, streams, budgets, await listObjects(deps, input.project, 'events'), isFresh);
      }
      // After a pause, a rollout that failed is retried once; failing again after that is hopeless.
      const toRetry = input.retryFailedRollouts ? result.failedRollouts.filter((d) => !cp.retried.includes(d)) : [];
      for (const dc of toRetry) {
        await retryRollout(deps, input.project, dc);
        cp.retried.push(dc);
      }
      const progress: ReadinessProgress = { ready: result.ready, total: result.total, dcs: result.progress };
      cp.last = progress;
      // No heartbeat on the last round: one sent after the activity completed only draws an "unknown activity" warning.
      if (result.ready !== result.total) reportProgress(cp);
      const key = JSON.stringify(progress);
      if (key !== lastKey) {
        lastKey = key;
        await sendProgress(deps, input.workflowId, progress);
      }
      if (result.ready === result.total) {
        return { output: { ready: result.ready, total: result.total, waitedMs: Date.now() - cp.startedAt, retriedRollouts: cp.retried } };
      }
      if (result.hopeless && toRetry.length === 0) {
        throw ApplicationFailure.create({
          type: result.hopeless.type,
          nonRetryable: true,
          message: result.hopeless.diagnosis,
          details: [{ diagnosis: result.hopeless.diagnosis, suggestion: result.hopeless.suggestion }],
        });
      }
      if (Date.now() > deadline) {
        const notReady = result.progress.filter((p) => p.state !== 'available');
        const diagnosis = notReady.map((p) => `${p.name}: ${p.reason ?? p.state}`).join('; ');
        throw ApplicationFailure.create({
          type: ErrorType.ReadinessTimeout,
          nonRetryable: true,
          message: `${result.ready}/${result.total} DeploymentConfigs available at the deadline; not ready: ${diagnosis}`,
          details: [{ diagnosis, suggestion: 'resume with a longer timeout (--set timeouts.waitForReadiness=60m) once the cause is fixed' }],
        });
      }
      await sleep(pollMs);
    }
  });
}
