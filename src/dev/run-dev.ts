import { join } from 'node:path';

import type { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';

import { createDataConverter, ensureDevKeyring, startCodecServer } from '../codec/index.js';
import { connectClient } from '../temporal/client.js';
import { devCodecToken } from './codec-token.js';
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
  /** Port of the codec server the Web UI decodes payloads with. */
  codecPort: number;
  /** Environment of the worker's CLI children. */
  env: NodeJS.ProcessEnv;
  /** Called once the server answers and the worker polls, with a client (codec included) on the server. */
  onReady?(info: DevInfo, client: Client): void;
  /** Resolves when `dev` should stop (besides SIGINT/SIGTERM, which the SDK's Runtime handles). */
  stopWhen?: Promise<unknown>;
  /** Worker log level. @default INFO */
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
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
  for (const [what, port] of [['Temporal frontend', opts.port], ['Web UI', opts.uiPort], ['codec server', opts.codecPort]] as const) {
    if (!(await portFree(port))) {
      throw new DevAlreadyRunningError(`port ${port} (${what}) is already in use: is another Temporal server running? Pick other ports with --port/--ui-port.`);
    }
  }
  installRuntime(opts.logLevel);
  // Payloads are encrypted from the first run on: a local key is created (0600) unless one is configured.
  const { keyring, file: keyFile, created } = ensureDevKeyring(config.dataDir, { env: opts.env, onWarning: (m) => process.stderr.write(`warning: ${m}\n`) });
  if (created) process.stdout.write(`Created a payload encryption key in ${keyFile} (mode 600).\n`);
  const uiOrigins = [`http://localhost:${opts.uiPort}`, `http://127.0.0.1:${opts.uiPort}`];
  const codec = await startCodecServer({ port: opts.codecPort, keyring, token: devCodecToken(config.dataDir), allowedOrigins: uiOrigins });
  let server: DevServer;
  try {
    server = await startDevServer({
      port: opts.port,
      uiPort: opts.uiPort,
      dbFile: join(config.dataDir, 'temporal.db'),
      logFile: join(config.dataDir, 'temporal-server.log'),
      uiCodecEndpoint: codec.uiCodecEndpoint,
      detached: true,
    });
  } catch (err) {
    await codec.close();
    throw err;
  }
  const info: DevInfo = { pid: process.pid, temporalAddress: server.address, uiUrl: server.uiUrl, codecUrl: codec.url, startedAt: new Date().toISOString() };
  writeDevInfo(config.dataDir, info);
  let connection: NativeConnection | undefined;
  let client: Client | undefined;
  try {
    const devConfig = { ...config, temporalAddress: server.address };
    const dataConverter = createDataConverter(keyring);
    connection = await NativeConnection.connect({ address: server.address });
    client = await connectClient(devConfig, dataConverter);
    const worker = await createWorker({ config: devConfig, connection, env: opts.env, dataConverter, client });
    const stopped = opts.stopWhen?.then(() => worker.shutdown());
    opts.onReady?.(info, client);
    await worker.run();
    await stopped;
  } finally {
    await client?.connection.close();
    await connection?.close();
    await server.stop();
    await codec.close();
    clearDevInfo(config.dataDir);
  }
}
