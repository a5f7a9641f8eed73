import { join } from 'node:path';

import { NativeConnection } from '@temporalio/worker';

import type { RuntimeConfig } from '../config/env.js';
import { startDevServer, type DevServer } from '../temporal/dev-server.js';
import { createWorker, installRuntime } from '../worker.js';
import { clearDevInfo, runningDev, writeDevInfo, type DevInfo } from './dev-lock.js';
import { portFree } from './port-check.js';

/** Thrown when `dev` cannot start because another one (or something else) holds its ports. */
export class DevAlreadyRunningError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DevAlreadyRunningError';
  }
}

/** Options of {@link runDev}. */
export interface DevOptions {
  config: RuntimeConfig;
  port: number;
  uiPort: number;
  /** Environment of the worker's CLI children. */
  env: NodeJS.ProcessEnv;
  /** Called once the server answers and the worker polls. */
  onReady?(info: DevInfo): void;
  /** Resolves when `dev` should stop (besides SIGINT/SIGTERM, which the SDK's Runtime handles). */
  stopWhen?: Promise<unknown>;
}

/**
 * `amp-installer dev`: the embedded Temporal dev server (SQLite in the data folder, Web UI, our search
 * attributes) plus a worker, in the foreground until SIGINT/SIGTERM; then the worker drains and the server stops.
 */
export async function runDev(opts: DevOptions): Promise<void> {
  const { config } = opts;
  const other = runningDev(config.dataDir);
  if (other) {
    throw new DevAlreadyRunningError(
      `amp-installer dev is already running (pid ${other.pid}): Temporal at ${other.temporalAddress}` +
        `${other.uiUrl ? `, Web UI at ${other.uiUrl}` : ''}. Use that one, or stop it (Ctrl-C in its terminal) first.`,
    );
  }
  for (const [what, port] of [['Temporal frontend', opts.port], ['Web UI', opts.uiPort]] as const) {
    if (!(await portFree(port))) {
      throw new DevAlreadyRunningError(`port ${port} (${what}) is already in use: is another Temporal server running? Pick other ports with --port/--ui-port.`);
    }
  }
  installRuntime();
  const server: DevServer = await startDevServer({
    port: opts.port,
    uiPort: opts.uiPort,
    dbFile: join(config.dataDir, 'temporal.db'),
    logFile: join(config.dataDir, 'temporal-server.log'),
    detached: true,
  });
  const info: DevInfo = { pid: process.pid, temporalAddress: server.address, uiUrl: server.uiUrl, startedAt: new Date().toISOString() };
  writeDevInfo(config.dataDir, info);
  let connection: NativeConnection | undefined;
  try {
    connection = await NativeConnection.connect({ address: server.address });
    const worker = await createWorker({ config: { ...config, temporalAddress: server.address }, connection, env: opts.env });
    const stopped = opts.stopWhen?.then(() => worker.shutdown());
    opts.onReady?.(info);
    await worker.run();
    await stopped;
  } finally {
    await connection?.close();
    await server.stop();
    clearDevInfo(config.dataDir);
  }
}
