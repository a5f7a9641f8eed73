import { join } from 'node:path';

import { execa, type ResultPromise } from 'execa';

import { PROJECT_ROOT } from '../../../src/paths.js';
import { freePort } from '../../../src/temporal/dev-server.js';

/** A running `amp-installer dev` child: Temporal dev server, Web UI, codec server and worker. */
export interface DevProcess {
  pid: number;
  port: number;
  uiPort: number;
  codecPort: number;
  temporalAddress: string;
  uiUrl: string;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Sends SIGINT (Ctrl-C) and waits for it to exit; SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<{ exitCode?: number; signal?: string }>;
}

/** Starts `amp-installer dev` on free ports with `env` and waits until it says it is ready. */
export async function startDev(env: NodeJS.ProcessEnv, timeoutMs = 90_000): Promise<DevProcess> {
  const [port, uiPort, codecPort] = [await freePort(), await freePort(), await freePort()];
  const args = ['dev', '--port', String(port), '--ui-port', String(uiPort), '--codec-port', String(codecPort)];
  const child: ResultPromise = execa('node', [join(PROJECT_ROOT, 'bin/amp-installer.js'), ...args], { env, reject: false, cwd: PROJECT_ROOT });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  let exited = false;
  const done = child.then((r) => {
    exited = true;
    return { exitCode: r.exitCode, signal: r.signal };
  });
  const deadline = Date.now() + timeoutMs;
  while (!out.includes('Press Ctrl-C to stop.')) {
    if (exited || Date.now() > deadline) {
      child.kill('SIGKILL');
      await done;
      throw new Error(`amp-installer dev did not become ready (${exited ? 'it exited' : `${timeoutMs} ms`}):\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const uiUrl = /Web UI: (\S+)/.exec(out)?.[1] ?? `http://localhost:${uiPort}`;
  return {
    pid: child.pid!,
    port,
    uiPort,
    codecPort,
    temporalAddress: `127.0.0.1:${port}`,
    uiUrl,
    output: () => out,
    async stop(graceMs = 30_000) {
      if (!exited) child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        return await done;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Command lines of the processes running now whose arguments contain `needle`. */
export async function processesWith(needle: string): Promise<string[]> {
  const { stdout } = await execa('ps', ['-eo', 'pid=,args='], { reject: false });
  return stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.includes(needle) && !l.includes('ps -eo'));
}

/** Whether a process with this pid still exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
