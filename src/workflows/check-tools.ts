import { proxyActivities } from '@temporalio/workflow';

import type { Activities } from '../activities/index.js';
import type { ToolsReport } from '../activities/tools/check-tools.js';

const { checkTools: runCheck } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 3 },
});

/** Reports which `oc` and `minishift` the worker runs and their versions (the install's first sanity check). */
export async function checkTools(): Promise<ToolsReport> {
  return runCheck();
}
