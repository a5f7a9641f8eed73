import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  proxyActivities,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';

import type { Activities } from '../activities/index.js';
import type { LabSpec, LabSpecInput } from '../shared/lab-spec.js';
import { parseLabSpec } from '../shared/lab-spec.js';
import type { LabStatus } from '../shared/lab-status.js';
import { LAB_NAME } from '../shared/search-attributes.js';
import { formatProblems } from '../shared/spec.js';
import { noteFromStatus } from './lab/child-outcome.js';
import { registerLabHandlers } from './lab/handlers.js';
import { InstallsLayout } from './lab/installs.js';
import type { LabLayoutDriver } from './lab/layout.js';
import { initialMemory, type LabMemory } from './lab/memory.js';
import { notifyLab } from './lab/notify.js';
import { LabRuntime } from './lab/runtime.js';
import { schedule, tearDownAll } from './lab/scheduler.js';
import { TenantsLayout } from './lab/tenants.js';

const { installOutcome } = proxyActivities<Activities>({ startToCloseTimeout: '1m', retry: { maximumAttempts: 3 } });

/** How often a lab checks on installs an earlier run started (it cannot await their results): 10 s, doubling to 5 min. */
const CHECK_FIRST_MS = 10_000;
const CHECK_MAX_MS = 300_000;

/**
 * Reads the state of installs an earlier run started and applies it like their notes; returns whether any changed
 * (their notes still arrive while they run; only the last one, sent as an install completes, can be lost).
 */
async function checkInherited(driver: LabLayoutDriver): Promise<boolean> {
  let changed = false;
  for (const { key, workflowId } of driver.inherited()) {
    // A failed check is simply tried again later.
    const status = await installOutcome({ workflowId }).catch(() => undefined);
    if (status && !['running', 'paused'].includes(status.state)) {
      driver.onNote(noteFromStatus(key, status));
      changed = true;
    }
  }
  return changed;
}

/** What a lab carries into its next run after continue-as-new (students, credentials, deadline, …). */
export type LabCarried = LabMemory;

/** Whether the history is long enough to continue as new: the server's suggestion, or the spec's own threshold. */
function historyIsLong(spec: LabSpec): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || (spec.continueAsNewAfter !== undefined && info.historyLength >= spec.continueAsNewAfter);
}

/**
 * A lab of student environments that lives for days: provisions every student (at most `concurrency` at once, the
 * canary first) in the spec's layout, keeps per-student state, answers extend/down/add/remove/resume, tears
 * everything down when its TTL (a durable timer) runs out or on `down`, and continues as new — carrying its whole
 * state — whenever the history grows long and nothing it awaits is in flight (child installs report through
 * signals, so they keep running across runs). Input: the lab spec; second argument: the carried state.
 */
export async function lab(input: LabSpecInput, carried?: LabCarried): Promise<LabStatus> {
  const parsed = parseLabSpec(input);
  if (parsed.problems) throw ApplicationFailure.create({ type: 'InvalidInput', nonRetryable: true, message: `invalid lab spec:\n${formatProblems(parsed.problems)}` });
  const spec = parsed.spec;
  const mem = carried ?? initialMemory(spec, new Date());
  const rt = new LabRuntime(spec, mem, workflowInfo().workflowId);
  const driver: LabLayoutDriver = spec.layout === 'tenants' ? new TenantsLayout(rt) : new InstallsLayout(rt);
  rt.prerequisites = () => driver.prerequisites();
  registerLabHandlers(rt, driver);
  upsertSearchAttributes([{ key: LAB_NAME, value: spec.name }]);
  await driver.start();
  rt.touch();
  let checkDelay = CHECK_FIRST_MS;
  let nextCheck = Date.now();

  for (;;) {
    rt.wake = false;
    if (mem.teardown) break;
    schedule(rt, driver);
    if (!mem.notified.ready && rt.status().state === 'ready') {
      mem.notified.ready = true;
      rt.track('notify:lab-ready', () => notifyLab(rt, 'lab-ready'));
    }
    if (historyIsLong(spec) && rt.inFlight === 0 && allHandlersFinished()) {
      await condition(allHandlersFinished);
      return await continueAsNew<typeof lab>(input, { ...mem, continuedAsNew: mem.continuedAsNew + 1 });
    }
    const remaining = Date.parse(mem.deadline) - Date.now();
    if (remaining <= 0) {
      mem.teardown = 'ttl';
      break;
    }
    const inherited = driver.inherited().length > 0;
    if (inherited && Date.now() >= nextCheck && !rt.isRunning('check')) {
      rt.track('check', async () => {
        checkDelay = (await checkInherited(driver)) ? CHECK_FIRST_MS : Math.min(checkDelay * 2, CHECK_MAX_MS);
        nextCheck = Date.now() + checkDelay;
      });
      nextCheck = Number.POSITIVE_INFINITY;
    }
    await condition(() => rt.wake, inherited && Number.isFinite(nextCheck) ? Math.min(remaining, Math.max(1_000, nextCheck - Date.now())) : remaining);
  }

  await tearDownAll(rt, driver);
  if (!mem.notified.tornDown) {
    mem.notified.tornDown = true;
    await notifyLab(rt, 'lab-torn-down');
  }
  await condition(allHandlersFinished);
  return rt.status();
}
