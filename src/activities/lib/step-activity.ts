import { ApplicationFailure } from '@temporalio/common';

import type { FailureDetails } from '../../shared/errors.js';
import type { StepResult } from '../../shared/step-result.js';
import { currentContext } from './heartbeat.js';

/** What a step activity's body returns: its output, and warnings that did not stop it. */
export interface StepBody<T> {
  output: T;
  warnings?: string[];
}

/**
 * Wraps a step activity: the workflow learns the attempt that succeeded (or failed) without reading
 * Temporal's pending-activity info, so the status shows real attempt counts.
 */
export function stepActivity<I, T>(body: (input: I) => Promise<StepBody<T>>): (input: I) => Promise<StepResult<T>> {
  return async (input: I) => {
    const attempt = currentContext()?.info.attempt ?? 1;
    try {
      const { output, warnings = [] } = await body(input);
      return { output, attempt, warnings };
    } catch (err) {
      if (err instanceof ApplicationFailure && !(err.details?.[0] as FailureDetails | undefined)?.attempt) {
        const details = { ...((err.details?.[0] as object | undefined) ?? {}), attempt } satisfies FailureDetails;
        throw ApplicationFailure.create({
          type: err.type ?? undefined,
          message: err.message,
          nonRetryable: err.nonRetryable ?? undefined,
          details: [details, ...(err.details?.slice(1) ?? [])],
          cause: err.cause,
          nextRetryDelay: err.nextRetryDelay,
        });
      }
      throw err;
    }
  };
}

/** A non-retryable InvalidInput failure for an activity input that does not parse. */
export function invalidInput(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: 'InvalidInput', nonRetryable: true, message });
}
