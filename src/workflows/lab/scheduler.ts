import { condition } from '@temporalio/workflow';

import type { LabLayoutDriver } from './layout.js';
import { startable, type StudentRecord } from './memory.js';
import { nowIso, type LabRuntime } from './runtime.js';

/**
 * One scheduling pass: starts requested removals, then fills free provisioning slots. A slot is held only by a
 * student that is provisioning — a paused student holds none, so one faulty student pauses alone while the others
 * finish. With a canary, only the first student may start until it is ready. Resumed students go first.
 */
export function schedule(rt: LabRuntime, driver: LabLayoutDriver): void {
  if (rt.mem.phase !== 'running') return;
  for (const s of rt.mem.students) {
    if (!s.removeRequested || s.state === 'removing' || s.state === 'removed') continue;
    if (s.state === 'provisioning' && rt.isRunning(`provision:${s.name}`)) {
      driver.cancel(s); // removal starts once the provisioning run has stopped
      continue;
    }
    if (s.state === 'pending' && s.runs === 0) {
      Object.assign(s, { state: 'removed', removedAt: nowIso(), removeRequested: false });
      rt.touch();
      continue;
    }
    rt.track(`remove:${s.name}`, () => driver.remove(s));
  }
  if (driver.prerequisites() !== 'ready') return;
  const free = driver.capacity(rt.spec.concurrency) - rt.mem.students.filter((s) => s.state === 'provisioning').length;
  const queue = rt.mem.students.filter((s) => startable(rt.mem, s)).sort((a, b) => Number(!!b.resumeRequested) - Number(!!a.resumeRequested));
  let started = 0;
  for (const s of queue) {
    if (free - started <= 0) break;
    driver.provision(s);
    started++;
  }
  // Only a real change wakes the loop again (waking on every pass would spin it).
  if (started > 0) rt.touch();
}

/**
 * The teardown of every student (TTL or `lab down`): stops the provisioning runs the lab awaits, removes the
 * students under the same concurrency cap, then the layout's shared part; the lab ends torn down.
 */
export async function tearDownAll(rt: LabRuntime, driver: LabLayoutDriver): Promise<void> {
  const { mem } = rt;
  mem.phase = 'tearing-down';
  rt.touch();
  for (const s of mem.students) if (s.state === 'provisioning') driver.cancel(s);
  await condition(() => rt.inFlight === 0);
  const queue: StudentRecord[] = [];
  for (const s of mem.students) {
    if (s.state === 'removed') continue;
    if (s.runs === 0) Object.assign(s, { state: 'removed', removedAt: nowIso() });
    else queue.push(s);
  }
  let next = 0;
  const worker = async () => {
    while (next < queue.length) await driver.remove(queue[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(rt.spec.concurrency, queue.length) }, worker));
  await driver.teardownShared();
  const removed = mem.students.filter((s) => s.state === 'removed').length;
  const failed = mem.students.filter((s) => s.state === 'failed').map((s) => s.name);
  mem.summary = [`Torn down (${mem.teardown === 'down' ? 'lab down' : 'TTL reached'}): ${removed} student(s) removed`, failed.length ? `removal failed for ${failed.join(', ')}` : '', mem.summary ?? ''].filter(Boolean).join('; ');
  mem.phase = 'torn-down';
  mem.endedAt = nowIso();
  rt.touch();
}
