import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { executeChild, isCancellation, sleep, workflowInfo } from '@temporalio/workflow';

import type { InstallStatus } from '../shared/install-status.js';
import { installWorkflowId } from '../shared/ids.js';
import { parseSpec, type InstallSpecInput } from '../shared/spec.js';
import { install } from './install.js';
import { teardown, type TeardownOptions } from './teardown.js';

export interface RebuildOptions {
  vm?: TeardownOptions['vm'];
}

/**
 * Rebuild = teardown, then a fresh install of the same target: the building block of scheduled rebuilds.
 * The install runs under the target's own workflow id, so `amp-installer status` finds it as usual.
 */
export async function rebuild(input: InstallSpecInput, options: RebuildOptions = {}): Promise<InstallStatus> {
  const parsed = parseSpec(input);
  const { workflowId } = workflowInfo();
  await executeChild(teardown, { args: [input, { vm: options.vm ?? 'keep', cancelInstall: true }], workflowId: `${workflowId}/teardown` });
  const installId = parsed.spec ? installWorkflowId(parsed.spec) : `${workflowId}/install`;
  // A cancelled install of the target may take a moment to close; its id is free once it has.
  for (let attempt = 1; ; attempt++) {
    try {
      return await executeChild(install, { args: [input], workflowId: installId });
    } catch (err) {
      if (isCancellation(err) || !(err instanceof WorkflowExecutionAlreadyStartedError) || attempt >= 12) throw err;
      await sleep('5s');
    }
  }
}
