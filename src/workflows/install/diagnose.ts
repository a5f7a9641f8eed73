import { log, proxyActivities } from '@temporalio/workflow';

import type { Activities } from '../../activities/index.js';
import type { DiagnosticsReport } from '../../activities/diagnostics/collect-diagnostics.js';
import type { StepError } from '../../shared/install-status.js';
import { clusterSession } from '../../plugins/cluster-info.js';
import type { PlannedStep } from '../../shared/plan.js';
import type { InstallSpec } from '../../shared/spec.js';

const { collectDiagnostics } = proxyActivities<Activities>({
  startToCloseTimeout: '3m',
  heartbeatTimeout: '30s',
  retry: { maximumAttempts: 2 },
});

/** Steps after which the project exists, so its events and pods say something. */
const CLUSTER_STEPS = new Set(['ensurePullSecret', 'deployTemplate', 'waitForReadiness', 'smokeTest']);

/**
 * Collects diagnostics for a failed step (events, DC conditions, pod and hook logs, image imports — redacted by
 * the activity). A failure to diagnose never hides the step's own failure.
 */
export async function collectDiagnosticsFor(
  spec: InstallSpec,
  step: PlannedStep,
  error: StepError,
  outputs: Record<string, unknown>,
): Promise<DiagnosticsReport> {
  if (!CLUSTER_STEPS.has(step.name)) return { summary: '', full: '', suggestion: undefined };
  const dcs = (outputs.deployTemplate as { deploymentConfigs?: string[] } | undefined)?.deploymentConfigs ?? [];
  try {
    const session = clusterSession(outputs);
    return await collectDiagnostics({ project: spec.openshift.project, failedStep: step.name, errorType: error.type, deploymentConfigs: dcs, ...(session ? { session } : {}) });
  } catch (err) {
    log.warn('Diagnostics could not be collected', { error: (err as Error).message });
    return { summary: '', full: `diagnostics could not be collected: ${(err as Error).message}`, suggestion: undefined };
  }
}
