/** What every step activity resolves with (the worker wraps each step activity's own output in this). */
export interface StepResult<T = unknown> {
  output: T;
  /** The activity attempt that succeeded (1 = no retry was needed). */
  attempt: number;
  /** Things a human should know that did not stop the step. */
  warnings: string[];
}
