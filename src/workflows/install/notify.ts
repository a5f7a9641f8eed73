import { log, proxyActivities } from '@temporalio/workflow';

import type { Activities } from '../../activities/index.js';
import type { InstallStatus } from '../../shared/install-status.js';
import { installNotification, notifyOptions } from '../../shared/notifications.js';
import type { InstallSpec } from '../../shared/spec.js';

const { notify } = proxyActivities<Activities>(notifyOptions);

/**
 * Tells the spec's webhook (if any) that the install is installed, paused or failed. A webhook that stays down
 * never changes the install's outcome: the final failure is logged and swallowed.
 */
export async function notifyWebhook(spec: InstallSpec, event: 'installed' | 'paused' | 'failed', status: InstallStatus): Promise<void> {
  const url = spec.notifications?.webhook;
  if (!url) return;
  try {
    await notify({ url, notification: installNotification(event, status, new Date()) });
  } catch (err) {
    log.warn('The webhook did not take the notification', { event, error: (err as Error).message });
  }
}
