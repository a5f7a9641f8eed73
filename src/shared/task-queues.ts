/** The task queue the worker polls and every client starts workflows on (override: AMP_TASK_QUEUE). */
export const DEFAULT_TASK_QUEUE = 'amp-installer';
