import type { PreflightInput } from '../activities/preflight/types.js';
import type { InstallPlugin } from '../shared/plan.js';
import type { InstallSpec } from '../shared/spec.js';

/** The part of the spec preflight checks (references stay references: they resolve in the worker). */
export function preflightInput(spec: InstallSpec): PreflightInput {
  return { platform: spec.platform, openshift: spec.openshift, registry: spec.registry, threescale: spec.threescale, router: spec.router };
}

/**
 * Extra step, first in every plan: checks CLIs, cluster, VM size, wildcard domain, stale objects and registry
 * credentials before anything changes, and fails with every problem at once (the spec's onFailure.preflight
 * applies, as for any step).
 */
export const preflightStep: InstallPlugin = {
  name: 'preflight',
  kind: 'step',
  appliesTo: () => true,
  steps: [
    {
      name: 'preflight',
      title: 'Preflight checks',
      activity: 'preflight',
      dependsOn: [],
      input: ({ spec }): PreflightInput => preflightInput(spec),
      timeout: '5m',
      heartbeatTimeout: '30s',
      // Problems are non-retryable (PreflightFailed); retries cover a worker lost mid-check.
      retry: { maximumAttempts: 3, initialInterval: '5s' },
    },
  ],
};
