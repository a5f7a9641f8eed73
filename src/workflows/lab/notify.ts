import { log, proxyActivities } from '@temporalio/workflow';

import type { Activities } from '../../activities/index.js';
import { notificationPayload, notifyOptions } from '../../shared/notifications.js';
import type { LabRuntime } from './runtime.js';

const { notify } = proxyActivities<Activities>(notifyOptions);

/**
 * Tells the lab's webhook (if any) that the lab is ready or torn down. The payload has the students' states and URLs,
 * never credentials. The id is stable per lab run and event, so receivers de-duplicate retries. A webhook that stays
 * down never changes the lab: the final failure is logged.
 */
export async function notifyLab(rt: LabRuntime, event: 'lab-ready' | 'lab-torn-down'): Promise<void> {
  const url = rt.spec.notifications?.webhook;
  if (!url) return;
  const status = rt.status();
  const students = Object.fromEntries(status.students.map((s) => [s.name, event === 'lab-ready' ? { state: s.state, ...s.outputs } : { state: s.state }]));
  const notification = notificationPayload({
    id: `${rt.workflowId}/${rt.mem.startedAt}/${event}`,
    event,
    workflowId: rt.workflowId,
    lab: rt.spec.name,
    project: rt.spec.layout === 'tenants' ? rt.spec.install.openshift.project : undefined,
    state: status.state,
    outputs: { layout: rt.spec.layout, deadline: status.deadline, students, ...(status.summary ? { summary: status.summary } : {}) },
    at: new Date(),
  });
  try {
    await notify({ url, notification });
  } catch (err) {
    log.warn('The webhook did not take the lab notification', { event, error: (err as Error).message });
  }
}
