/**
 * The worker: registers the workflows and activities and runs until SIGINT/SIGTERM, then shuts down
 * gracefully (running activities are cancelled, which kills their CLI children). Run `amp-installer worker`,
 * or `node lib/src/worker.js`.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import type { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import {
  bundleWorkflowCode,
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
  type WorkerOptions,
} from '@temporalio/worker';

import { createActivities } from './activities/index.js';
import { failureConverterPath } from './codec/index.js';
import type { ActivityDeps } from './activities/deps.js';
import type { RuntimeConfig } from './config/env.js';
import { connectClient, processDataConverter } from './temporal/client.js';
import { defaultRedactor, redactingLogger } from './redaction/index.js';

/** The workflows module: compiled JS when running from lib/, the TS source under ts-jest. */
export function workflowsPath(): string {
  const js = fileURLToPath(new URL('./workflows/index.js', import.meta.url));
  return existsSync(js) ? js : fileURLToPath(new URL('./workflows/index.ts', import.meta.url));
}

let runtimeInstalled = false;

/** Routes every SDK and activity log line through the redactor (once per process). */
export function installRuntime(level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' = 'INFO'): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({
    logger: redactingLogger(new DefaultLogger(level), defaultRedactor),
    // Forward the Rust core's logs to the same (redacting) logger instead of letting it write to stderr itself.
    telemetryOptions: { logging: { filter: { core: 'WARN', other: 'INFO' }, forward: {} } },
  });
}

/** Options of {@link createWorker}. */
export interface CreateWorkerOptions {
  config: RuntimeConfig;
  connection: NativeConnection;
  /** The environment CLI children get. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Payload codec and failure converter; the same one every client of these workflows uses. */
  dataConverter: DataConverter;
  /** Client for progress signals from activities to their workflow. */
  client?: Client;
  /** Extra Worker options (tests: a prebuilt bundle, a smaller cache). */
  overrides?: Partial<WorkerOptions>;
}

/** The activity dependencies of a worker configured by `config`. */
export function activityDeps(config: RuntimeConfig, env: NodeJS.ProcessEnv, client?: Client): ActivityDeps {
  return { cli: config.cli, env, redactor: defaultRedactor, dataDir: config.dataDir, templatesUrl: config.templatesUrl, client, pollMs: config.pollMs };
}

let bundle: Promise<{ code: string }> | undefined;

/**
 * The workflow bundle, built once per process (webpack takes a second or two) and quietly: its build log
 * is noise for users of `dev` and `worker`. The failure converter is part of the bundle (it runs in the sandbox).
 */
export function workflowBundle(): Promise<{ code: string }> {
  // A prebuilt bundle (AMP_WORKFLOW_BUNDLE: the test setup builds one for the whole run; a production image can too).
  const prebuilt = process.env.AMP_WORKFLOW_BUNDLE;
  bundle ??= prebuilt
    ? readFile(prebuilt, 'utf8').then((code) => ({ code }))
    : bundleWorkflowCode({ workflowsPath: workflowsPath(), failureConverterPath, logger: new DefaultLogger('WARN') });
  return bundle;
}

/** Creates (does not run) a worker for the install workflows. */
export async function createWorker(opts: CreateWorkerOptions): Promise<Worker> {
  const { config } = opts;
  return Worker.create({
    connection: opts.connection,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities(activityDeps(config, opts.env ?? process.env, opts.client)),
    dataConverter: opts.dataConverter,
    maxConcurrentActivityTaskExecutions: config.maxConcurrentActivities,
    // Time for activities to see their cancellation and kill their CLI children before the worker exits.
    shutdownGraceTime: '10s',
    // Cancellation reaches an activity only in a heartbeat's answer; the default throttle (up to 0.8 × the
    // heartbeat timeout) would let a cancelled `oc` run for most of a minute.
    maxHeartbeatThrottleInterval: '2s',
    ...opts.overrides,
  });
}

/** Connects to Temporal and runs a worker until a shutdown signal. */
export async function runWorker(config: RuntimeConfig, extra: Partial<Omit<CreateWorkerOptions, 'config' | 'connection'>> = {}): Promise<void> {
  installRuntime();
  const dataConverter = extra.dataConverter ?? processDataConverter(config);
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const client = extra.client ?? (await connectClient(config, dataConverter));
  try {
    const worker = await createWorker({ ...extra, dataConverter, client, config, connection });
    // Worker.run() resolves after SIGINT/SIGTERM (Runtime's default shutdownSignals) once activities drained.
    await worker.run();
  } finally {
    if (!extra.client) await client.connection.close();
    await connection.close();
  }
}

// `node lib/src/worker.js` runs a worker configured from the environment.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { loadRuntimeConfig } = await import('./config/env.js');
  runWorker(loadRuntimeConfig()).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
