import type { Controller } from './engine.js';
import { sec } from './util.js';

/** Events live for two hours after their last occurrence (OpenShift's event TTL). */
const EVENT_TTL_SECONDS = 2 * 3600;

/** Expires old events. */
export const eventController: Controller = (c) => {
  for (const ns of c.namespaceNames()) {
    for (const ev of c.list(ns, 'Event')) {
      const expiry = Date.parse(ev.lastTimestamp) + sec(EVENT_TTL_SECONDS);
      if (c.now >= expiry) c.remove(ns, 'Event', ev.metadata.name);
    }
  }
};
