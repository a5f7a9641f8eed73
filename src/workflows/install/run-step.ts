import {
  ActivityCancellationType,
  ActivityFailure,
  ApplicationFailure,
  proxyActivities,
  TimeoutFailure,
} from '@temporalio/workflow';

import { NON_RETRYABLE_ERROR_TYPES, type FailureDetails } from '../../shared/errors.js';
import type { StepError } from '../../shared/install-status.js';
import type { PlannedStep } from '../../shared/plan.js';
import type { StepResult } from '../../shared/step-result.js';

type StepActivity = (input: unknown) => Promise<StepResult>;

/** Runs a step's activity with the step's timeouts and retry policy; resolves with its result. */
export async function runStep(step: PlannedStep, input: unknown): Promise<StepResult> {
  const activities = proxyActivities<Record<string, StepActivity>>({
    startToCloseTimeout: step.timeout,
    heartbeatTimeout: step.heartbeatTimeout,
    retry: { ...step.retry, nonRetryableErrorTypes: NON_RETRYABLE_ERROR_TYPES },
    // On cancel, wait until the activity has killed its CLI child, so "cancelled" means nothing runs any more.
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  });
  return activities[step.activity](input);
}

/** A step failure as the status shows it, with the attempts it took. */
export function stepError(err: unknown, step: PlannedStep): { error: StepError; attempts: number } {
  if (err instanceof ActivityFailure) {
    const cause = err.cause;
    if (cause instanceof ApplicationFailure) {
      const details = (cause.details?.[0] ?? {}) as FailureDetails;
      const attempts = details.attempt ?? (cause.nonRetryable ? 1 : step.retry.maximumAttempts);
      return {
        error: { type: cause.type ?? 'Error', message: cause.message, diagnosis: details.diagnosis, suggestion: details.suggestion },
        attempts,
      };
    }
    if (cause instanceof TimeoutFailure) {
      return {
        error: {
          type: 'Timeout',
          message: `${step.title} timed out (${String(cause.timeoutType)}); the worker may be down or the step needs a longer timeout`,
          suggestion: `resume with --set timeouts.${step.name}=<longer duration>, or check that a worker is running`,
        },
        attempts: step.retry.maximumAttempts,
      };
    }
    return { error: { type: cause?.name ?? 'ActivityFailure', message: cause?.message ?? err.message }, attempts: 1 };
  }
  return { error: { type: (err as Error)?.name ?? 'Error', message: (err as Error)?.message ?? String(err) }, attempts: 1 };
}
