import {
  ApplicationFailure,
  getExternalWorkflowHandle,
  log,
  proxyActivities,
  setCurrentDetails,
  workflowInfo,
} from '@temporalio/workflow';

import type { Activities } from '../activities/index.js';
import type { DeleteProjectOutput } from '../activities/oc/delete-project.js';
import { installWorkflowId } from '../shared/ids.js';
import { formatProblems, parseSpec, type InstallSpecInput } from '../shared/spec.js';

export interface TeardownOptions {
  /** What happens to the Minishift VM after the project is gone. @default keep */
  vm?: 'keep' | 'stop' | 'delete';
  /** Cancel a running install of the same target first (not when an install aborts into its own teardown). @default true */
  cancelInstall?: boolean;
}

export interface TeardownResult {
  project: string;
  /** `skipped`: the VM is deleted anyway, or it does not run (nothing reachable to delete). */
  projectAction: DeleteProjectOutput['action'] | 'skipped';
  vm: 'kept' | 'stopped' | 'deleted';
}

const { deleteProject, clusterSession } = proxyActivities<Activities>({
  startToCloseTimeout: '35m',
  heartbeatTimeout: '1m',
  // The API server may be briefly unreachable; a project deletion itself is safe to repeat.
  retry: { maximumAttempts: 10, initialInterval: '5s', maximumInterval: '1m', nonRetryableErrorTypes: ['InvalidInput', 'Unauthorized'] },
});
const { vmPower } = proxyActivities<Activities>({
  startToCloseTimeout: '20m',
  heartbeatTimeout: '1m',
  retry: { maximumAttempts: 3, initialInterval: '10s' },
});

/**
 * Tears an install down: deletes the project and waits until it is gone; optionally stops or deletes the VM.
 * Idempotent: an absent project or VM is fine, so a teardown can run any number of times.
 */
export async function teardown(input: InstallSpecInput, options: TeardownOptions = {}): Promise<TeardownResult> {
  const parsed = parseSpec(input);
  if (parsed.problems) throw ApplicationFailure.create({ type: 'InvalidInput', nonRetryable: true, message: `invalid spec:\n${formatProblems(parsed.problems)}` });
  const spec = parsed.spec;
  const project = spec.openshift.project;
  const vm = spec.platform.type === 'minishift' ? (options.vm ?? 'keep') : 'keep';
  if (options.cancelInstall ?? true) {
    const installId = installWorkflowId(spec);
    try {
      await getExternalWorkflowHandle(installId).cancel();
      log.info('Cancelled the running install of this target', { installId });
    } catch {
      // No install of this target is running: nothing to cancel.
    }
  }
  setCurrentDetails(`Tearing down project \`${project}\`${vm !== 'keep' ? ` and ${vm === 'stop' ? 'stopping' : 'deleting'} the VM` : ''}`);
  // Deleting the VM deletes everything in it; the project need not be deleted first (and the VM may be down).
  let projectAction: TeardownResult['projectAction'] = 'skipped';
  if (vm !== 'delete') {
    const session = await clusterSession({ profile: spec.platform.type === 'minishift' ? spec.platform.profile : undefined, user: spec.openshift.user });
    if (session.reachable) projectAction = (await deleteProject({ project, ...(session.session ? { session: session.session } : {}) })).action;
    else log.info('Nothing to delete in the cluster', { reason: session.reason });
  }
  let vmResult: TeardownResult['vm'] = 'kept';
  if (vm !== 'keep' && spec.platform.type === 'minishift') {
    await vmPower({ profile: spec.platform.profile, action: vm });
    vmResult = vm === 'stop' ? 'stopped' : 'deleted';
  }
  const result: TeardownResult = { project, projectAction, vm: vmResult };
  setCurrentDetails(`Torn down: project \`${project}\` ${projectAction}, VM ${vmResult} (${workflowInfo().workflowId})`);
  return result;
}
