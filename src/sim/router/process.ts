import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import lockfile from 'proper-lockfile';

import { PROJECT_ROOT } from '../../paths.js';
import type { RouterInfo } from '../contracts.js';
import { readRouterFile, routerFilePath } from './router-file.js';

/** Options of {@link startRouter}. */
export interface StartRouterOptions {
  /** The simulator state folder ($AMP_SIM_HOME). */
  home: string;
  /** The minishift profile (VM) the router belongs to. */
  profile: string;
  /** The VM's loopback address to bind (127.x.y.z). */
  ip: string;
  /** Environment for the router process (AMP_SIM_SPEED, AMP_SIM_FAULTS …). @default process.env */
  env?: NodeJS.ProcessEnv;
}

/** Thrown when the router process could not be started (its log tail is in the message). */
export class RouterStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RouterStartError';
  }
}

/** The compiled router entry point (ts-jest runs src/, but the detached process runs the build). */
export const ROUTER_MAIN = join(PROJECT_ROOT, 'lib', 'src', 'sim', 'router', 'main.js');
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

/** Whether a pid is a live (non-zombie) router process of this state folder. */
function isRouterProcess(pid: number, home: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  const proc = `/proc/${pid}`;
  if (!existsSync(proc)) return true; // no procfs: trust kill(0)
  try {
    const stat = readFileSync(`${proc}/stat`, 'utf8');
    if (/\) Z /.test(stat)) return false;
    const cmdline = readFileSync(`${proc}/cmdline`, 'utf8').split('\0');
    // A recycled pid belongs to someone else: never signal it.
    return cmdline.some((a) => a.endsWith(join('sim', 'router', 'main.js'))) && cmdline.includes(resolve(home));
  } catch {
    return false;
  }
}

/** The running router of a profile, or undefined (stale router.json files of dead processes are ignored). */
export function readRouterInfo(home: string, profile: string): RouterInfo | undefined {
  const info = readRouterFile(home, profile);
  return info && isRouterProcess(info.pid, home) ? info : undefined;
}

function logTail(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim().split('\n').slice(-5).join('\n');
  } catch {
    return '';
  }
}

async function withStartLock<T>(home: string, profile: string, fn: () => Promise<T>): Promise<T> {
  const dir = join(home, 'profiles', profile);
  mkdirSync(dir, { recursive: true });
  const release = await lockfile.lock(join(dir, 'router'), {
    realpath: false,
    stale: START_TIMEOUT_MS + 5_000,
    retries: { retries: 400, factor: 1, minTimeout: 50, maxTimeout: 50 },
  });
  try {
    return await fn();
  } finally {
    await release();
  }
}

/**
 * Starts the router of a profile as a detached background process and resolves once it listens
 * (it has written `profiles/<profile>/router.json`). Idempotent: returns the running one if any.
 */
export async function startRouter(opts: StartRouterOptions): Promise<RouterInfo> {
  const { profile, ip } = opts;
  const home = resolve(opts.home);
  return withStartLock(home, profile, async () => {
    const running = readRouterInfo(home, profile);
    if (running) return running;
    rmSync(routerFilePath(home, profile), { force: true });
    const logPath = join(home, 'profiles', profile, 'router.log');
    const log = openSync(logPath, 'a');
    const child = spawn(process.execPath, [ROUTER_MAIN, '--home', home, '--profile', profile, '--ip', ip], {
      detached: true,
      stdio: ['ignore', log, log],
      env: opts.env ?? process.env,
    });
    closeSync(log);
    let exited: number | null | undefined;
    child.on('exit', (code) => (exited = code));
    child.unref();
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const info = readRouterFile(home, profile);
      if (info && info.pid === child.pid) return info;
      if (exited !== undefined) throw new RouterStartError(`router for profile "${profile}" exited with code ${exited}: ${logTail(logPath)}`);
      await sleep(25);
    }
    if (child.pid) process.kill(child.pid, 'SIGKILL');
    throw new RouterStartError(`router for profile "${profile}" did not start within ${START_TIMEOUT_MS / 1000} s: ${logTail(logPath)}`);
  });
}

async function waitGone(pid: number, home: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRouterProcess(pid, home)) return true;
    await sleep(20);
  }
  return !isRouterProcess(pid, home);
}

/** Stops the router of a profile (if running), waits until its process is gone and removes router.json. */
export async function stopRouter(opts: { home: string; profile: string }): Promise<void> {
  const { home, profile } = opts;
  const info = readRouterFile(home, profile);
  if (info && isRouterProcess(info.pid, home)) {
    try {
      process.kill(info.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    if (!(await waitGone(info.pid, home, STOP_TIMEOUT_MS))) {
      try {
        process.kill(info.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await waitGone(info.pid, home, STOP_TIMEOUT_MS);
    }
  }
  rmSync(routerFilePath(home, profile), { force: true });
}
