import { afterAll, beforeAll } from '@jest/globals';
import type { Client } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';

import { loadRuntimeConfig } from '../../src/config/env.js';
import type { InstallStatus } from '../../src/shared/install-status.js';
import type { InstallSpecInput } from '../../src/shared/spec.js';
import { connectClient, processDataConverter } from '../../src/temporal/client.js';
import { createWorker } from '../../src/worker.js';
import { fetchStatus } from '../../src/cli/install-handle.js';
import { testNativeConnection, uniqueId } from './temporal.js';
import { TEMPLATE_24, type SimWorld } from './sim.js';

/** A real worker (real activities, real workflows) on the test dev server, running CLIs in `world`. */
export interface Harness {
  client: Client;
  worker: Worker;
  taskQueue: string;
  /** Stops the worker (its activities are cancelled, their children killed) and closes connections. */
  stop(): Promise<void>;
}

export async function startHarness(world: SimWorld, opts: { taskQueue?: string; pollMs?: number } = {}): Promise<Harness> {
  const taskQueue = opts.taskQueue ?? uniqueId('tq');
  const config = {
    ...loadRuntimeConfig({ ...world.env, AMP_TASK_QUEUE: taskQueue, AMP_POLL_MS: String(opts.pollMs ?? 250) }),
    temporalAddress: process.env.TEMPORAL_ADDRESS!,
    dataDir: `${world.home}/../data`,
  };
  const dataConverter = processDataConverter(config);
  const client = await connectClient(config, dataConverter);
  const connection = await testNativeConnection();
  const worker = await createWorker({ config, connection, env: world.env, dataConverter, client, overrides: { shutdownGraceTime: '3s' } });
  const running = worker.run();
  return {
    client,
    worker,
    taskQueue,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
      await connection.close();
      await client.connection.close();
    },
  };
}

/**
 * A harness for a whole test file: started on `world` before its tests, stopped (and the world reset) after them.
 * The object it returns reads through to the running harness.
 */
export function useHarness(world: SimWorld): Harness {
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await startHarness(world);
  });
  afterAll(async () => {
    await h?.stop();
    await world.reset();
  });
  const running = (): Harness => {
    if (!h) throw new Error('the harness starts in beforeAll');
    return h;
  };
  return {
    get client() {
      return running().client;
    },
    get worker() {
      return running().worker;
    },
    get taskQueue() {
      return running().taskQueue;
    },
    stop: () => running().stop(),
  };
}

/** A spec for the simulator: the 2.4 fixture template, fast enough for tests. */
export function simSpec(profile: string, overrides: Partial<InstallSpecInput> = {}): InstallSpecInput {
  return {
    platform: { type: 'minishift', profile, memory: '6GB', cpus: 2 },
    openshift: { user: 'system:admin', project: '3scale' },
    registry: { server: 'registry.redhat.io', username: 'env:TEST_REGISTRY_USER', password: 'env:TEST_REGISTRY_PASSWORD' },
    threescale: { release: '2.4.0', template: TEMPLATE_24, parameters: {} },
    ...overrides,
  };
}

/** Polls an install's status until `done` (default: a settled state) or the timeout. */
export async function waitForInstall(client: Client, workflowId: string, done: (s: InstallStatus) => boolean = (s) => s.state !== 'running', timeoutMs = 120_000): Promise<InstallStatus> {
  const deadline = Date.now() + timeoutMs;
  const handle = client.workflow.getHandle(workflowId);
  let last: InstallStatus | undefined;
  while (Date.now() < deadline) {
    last = await fetchStatus(handle).catch(() => last);
    if (last && done(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`install ${workflowId} did not reach the expected state in ${timeoutMs} ms; last: ${JSON.stringify(last?.state)} at ${last?.currentStep}`);
}
