import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { log, sleep } from '@temporalio/activity';

import type { ActivityDeps } from '../deps.js';
import { beat } from '../lib/heartbeat.js';

/**
 * A worker killed while `oc new-app` ran leaves that child running: it goes on creating the template's objects.
 * The attempt that follows must not start a second `oc new-app` next to it (two runs generate different passwords
 * for one install), so the child's pid is kept on disk while it runs, and the next attempt on this host waits for it.
 */
export function orphanMarker(deps: ActivityDeps, project: string): string {
  return join(deps.dataDir, 'running', `new-app-${project}.json`);
}

/** Records the running `oc new-app` child. */
export function markRunning(file: string, pid: number): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ pid, startedAt: new Date().toISOString() }));
}

export function clearMarker(file: string): void {
  rmSync(file, { force: true });
}

/** True while `pid` is a live `oc new-app` (not a recycled pid, not a zombie). */
function isNewApp(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.split(') ')[1]?.[0] === 'Z') return false;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes('new-app');
  } catch {
    return false;
  }
}

/** Waits (heartbeating) until an `oc new-app` left by a killed earlier attempt on this host has finished. */
export async function waitForOrphan(file: string, pollMs: number): Promise<void> {
  if (!existsSync(file)) return;
  let pid: number | undefined;
  try {
    pid = (JSON.parse(readFileSync(file, 'utf8')) as { pid?: number }).pid;
  } catch {
    pid = undefined;
  }
  if (pid !== undefined && isNewApp(pid)) {
    log.warn('An oc new-app of an earlier attempt still runs; waiting for it', { pid });
    while (isNewApp(pid)) {
      beat();
      await sleep(pollMs);
    }
  }
  clearMarker(file);
}
