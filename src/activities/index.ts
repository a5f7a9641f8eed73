import type { ActivityDeps } from './deps.js';
import { createCheckTools } from './tools/check-tools.js';

/**
 * The activity registry: keys are the activity type names recorded in workflow histories, so renaming one
 * breaks in-flight workflows (review it like an API change).
 */
export function createActivities(deps: ActivityDeps) {
  return {
    checkTools: createCheckTools(deps),
  };
}

/** The activities as workflows see them (type-only import in workflow code). */
export type Activities = ReturnType<typeof createActivities>;
