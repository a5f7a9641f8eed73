import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';

import type { Activities } from '../activities/index.js';
import type { PreflightReport } from '../activities/preflight/types.js';
import { preflightInput } from '../plugins/preflight.js';
import { ErrorType, NON_RETRYABLE_ERROR_TYPES } from '../shared/errors.js';
import { formatProblems, parseSpec, type InstallSpecInput } from '../shared/spec.js';

const { preflight: runChecks } = proxyActivities<Activities>({
  startToCloseTimeout: '5m',
  heartbeatTimeout: '30s',
  retry: { maximumAttempts: 3, initialInterval: '5s', nonRetryableErrorTypes: NON_RETRYABLE_ERROR_TYPES },
});

/**
 * Runs the install's preflight checks alone, on the worker (where installs run: its CLIs, its environment, its
 * network), and returns the report — with problems too: `report.ok` says whether an install may start.
 */
export async function preflight(input: InstallSpecInput): Promise<PreflightReport> {
  const parsed = parseSpec(input);
  if (parsed.problems) {
    throw ApplicationFailure.create({ type: ErrorType.InvalidInput, nonRetryable: true, message: `invalid spec:\n${formatProblems(parsed.problems)}` });
  }
  try {
    return (await runChecks(preflightInput(parsed.spec))).output;
  } catch (err) {
    // The activity fails an install's step when it finds problems; the report it failed with is the answer here.
    const cause = err instanceof ActivityFailure ? err.cause : undefined;
    if (cause instanceof ApplicationFailure && cause.type === ErrorType.PreflightFailed) {
      const report = cause.details?.[1] as PreflightReport | undefined;
      if (report) return report;
    }
    throw err;
  }
}
