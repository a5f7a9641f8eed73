import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';

import { Connection } from '@temporalio/client';

import { searchAttributeArgs } from '../shared/search-attributes.js';
import { findTemporalCli } from './binary.js';

/** Options of {@link startDevServer}. */
export interface DevServerOptions {
  /** Frontend gRPC port. @default a free port */
  port?: number;
  /** Web UI port; `false` starts the server headless. @default port + 1000 */
  uiPort?: number | false;
  /** SQLite file; workflows survive restarts. Omit for an in-memory server. */
  dbFile?: string;
  /** Remote codec endpoint the UI uses to show decoded payloads. */
  uiCodecEndpoint?: string;
  /** Namespace to create besides `default`. */
  namespace?: string;
  /** Extra `--dynamic-config-value K=V` pairs. */
  dynamicConfig?: Record<string, string>;
  /** File the server's own output goes to. @default discarded */
  logFile?: string;
  /**
   * Run the server in its own process group, so a terminal's Ctrl-C reaches only us and we stop the server
   * after the worker has drained. It is still killed when this process exits.
   */
  detached?: boolean;
  /** How long to wait for the frontend to answer. @default 60 s */
  startTimeoutMs?: number;
}

/** A running `temporal server start-dev`. */
export interface DevServer {
  address: string;
  uiUrl?: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** A TCP port nobody listens on right now (the kernel picks it). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** The argv of `temporal server start-dev` for these options, with our search attributes registered. */
export function devServerArgs(opts: DevServerOptions & { port: number }): string[] {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--log-level', 'error'];
  if (opts.uiPort === false) args.push('--headless');
  else if (opts.uiPort !== undefined) args.push('--ui-port', String(opts.uiPort));
  if (opts.dbFile) args.push('--db-filename', opts.dbFile);
  if (opts.namespace && opts.namespace !== 'default') args.push('--namespace', opts.namespace);
  if (opts.uiCodecEndpoint) args.push('--ui-codec-endpoint', opts.uiCodecEndpoint);
  args.push(...searchAttributeArgs());
  for (const [k, v] of Object.entries(opts.dynamicConfig ?? {})) args.push('--dynamic-config-value', `${k}=${v}`);
  return args;
}

/** Waits until a Temporal frontend answers at `address`, or throws after `timeoutMs`. */
export async function waitForServer(address: string, timeoutMs = 60_000, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`temporal server exited with code ${child.exitCode} during start`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      await connection.close();
      return;
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`Temporal server at ${address} did not answer within ${timeoutMs} ms: ${String(lastError)}`);
}

/** Starts `temporal server start-dev` and resolves once its frontend answers. */
export async function startDevServer(opts: DevServerOptions = {}): Promise<DevServer> {
  const port = opts.port ?? (await freePort());
  const uiPort = opts.uiPort === undefined ? port + 1000 : opts.uiPort;
  if (opts.dbFile) mkdirSync(dirname(opts.dbFile), { recursive: true });
  const out = opts.logFile ? openSync(opts.logFile, 'a') : 'ignore';
  const child = spawn(findTemporalCli(), devServerArgs({ ...opts, port, uiPort }), {
    stdio: ['ignore', out, out],
    detached: opts.detached ?? false,
  });
  if (typeof out === 'number') closeSync(out);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      process.removeListener('exit', killOnExit);
      resolve();
    }),
  );
  const address = `127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
  try {
    await waitForServer(address, opts.startTimeoutMs ?? 60_000, child);
  } catch (err) {
    await stop();
    throw err;
  }
  return { address, uiUrl: uiPort === false ? undefined : `http://localhost:${uiPort}`, process: child, stop };
}
