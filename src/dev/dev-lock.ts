import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a running `amp-installer dev` records about itself in `<data dir>/dev.json`. */
export interface DevInfo {
  pid: number;
  temporalAddress: string;
  uiUrl?: string;
  codecUrl?: string;
  startedAt: string;
}

const lockFile = (dataDir: string) => join(dataDir, 'dev.json');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The `amp-installer dev` that runs on this data folder, if any (a stale file of a dead process is ignored). */
export function runningDev(dataDir: string): DevInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(lockFile(dataDir), 'utf8')) as DevInfo;
    return alive(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
}

/** Records this process as the running `dev` (call after checking {@link runningDev}). */
export function writeDevInfo(dataDir: string, info: DevInfo): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(lockFile(dataDir), `${JSON.stringify(info, null, 2)}\n`);
}

/** Removes the record if it is ours. */
export function clearDevInfo(dataDir: string, pid = process.pid): void {
  if (runningDev(dataDir)?.pid === pid || !runningDev(dataDir)) rmSync(lockFile(dataDir), { force: true });
}
