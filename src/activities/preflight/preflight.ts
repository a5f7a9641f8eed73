import { log } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';

import { ErrorType, type FailureDetails } from '../../shared/errors.js';
import type { ActivityDeps } from '../deps.js';
import { beat, reportProgress } from '../lib/heartbeat.js';
import { stepActivity } from '../lib/step-activity.js';
import { checkCluster } from './check-cluster.js';
import { checkDomain } from './check-domain.js';
import { checkProject } from './check-project.js';
import { checkRegistry } from './check-registry.js';
import { checkResources } from './check-resources.js';
import { checkTemplate } from './check-template.js';
import { checkTools } from './check-tools.js';
import { withDefaults, type PreflightContext, type PreflightOptions } from './context.js';
import { CHECK_NAMES, type CheckName, type CheckOutcome, type CheckResult, type PreflightInput, type PreflightReport } from './types.js';

const HEARTBEAT_EVERY_MS = 5_000;

const CHECKS: Record<CheckName, (ctx: PreflightContext) => Promise<CheckOutcome>> = {
  tools: checkTools,
  template: checkTemplate,
  cluster: checkCluster,
  resources: checkResources,
  domain: checkDomain,
  project: checkProject,
  registry: checkRegistry,
};

/** Joins check results into a report, every text redacted once more (a check must never leak, but if one did…). */
function report(deps: ActivityDeps, checks: CheckResult[]): PreflightReport {
  const r = (s: string) => deps.redactor.redact(s);
  const clean = checks.map((c) => ({
    ...c,
    problems: c.problems.map(r),
    warnings: c.warnings.map(r),
    ...(c.summary !== undefined ? { summary: r(c.summary) } : {}),
  }));
  return {
    ok: clean.every((c) => c.ok),
    checks: clean,
    problems: clean.flatMap((c) => c.problems.map((p) => `${c.check}: ${p}`)),
    warnings: clean.flatMap((c) => c.warnings.map((w) => `${c.check}: ${w}`)),
  };
}

/**
 * Runs every check, in order, whatever the earlier ones found (a check that throws becomes a problem of its own),
 * and returns all results. Only reads: it never changes the cluster, the VM or the kubeconfig.
 */
export async function runPreflight(deps: ActivityDeps, input: PreflightInput, options?: PreflightOptions): Promise<PreflightReport> {
  const ctx: PreflightContext = { deps, input, options: withDefaults(options) };
  const checks: CheckResult[] = [];
  for (const check of CHECK_NAMES) {
    reportProgress({ phase: 'preflight', check });
    let outcome: CheckOutcome;
    // DNS look-ups and registry requests do not heartbeat by themselves (CLI calls do).
    const heartbeats = setInterval(beat, HEARTBEAT_EVERY_MS);
    try {
      outcome = await CHECKS[check](ctx);
    } catch (err) {
      if (err instanceof CancelledFailure) throw err;
      outcome = { problems: [`the check could not run: ${(err as Error)?.message ?? String(err)}`] };
    } finally {
      clearInterval(heartbeats);
    }
    const problems = outcome.problems ?? [];
    checks.push({
      check,
      ok: problems.length === 0,
      problems,
      warnings: outcome.warnings ?? [],
      ...(outcome.summary !== undefined ? { summary: outcome.summary } : {}),
      ...(outcome.skipped !== undefined ? { skipped: outcome.skipped } : {}),
    });
  }
  return report(deps, checks);
}

/** The PreflightFailed failure for a report with problems: every problem in the message, the report in details[1]. */
export function preflightFailure(r: PreflightReport): ApplicationFailure {
  const n = r.problems.length;
  return ApplicationFailure.create({
    type: ErrorType.PreflightFailed,
    nonRetryable: true,
    message: `preflight found ${n} problem${n === 1 ? '' : 's'}:\n${r.problems.map((p) => `- ${p}`).join('\n')}`,
    details: [
      {
        diagnosis: `${n} preflight check${n === 1 ? '' : 's'} failed; nothing was changed`,
        suggestion: 'fix every problem listed, then resume (spec changes: resume --set key=value)',
      } satisfies FailureDetails,
      r,
    ],
  });
}

/**
 * The `preflight` activity: every check before anything changes. Fails (non-retryable PreflightFailed) only after
 * all checks ran, listing every problem; otherwise returns the report, its warnings becoming the step's warnings.
 */
export function createPreflight(deps: ActivityDeps, options?: PreflightOptions) {
  return stepActivity(async (input: PreflightInput) => {
    const r = await runPreflight(deps, input, options);
    log.info('Preflight done', { problems: r.problems.length, warnings: r.warnings.length });
    if (!r.ok) throw preflightFailure(r);
    return { output: r, warnings: r.warnings };
  });
}
