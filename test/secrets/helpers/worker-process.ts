import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { execa, type ResultPromise } from 'execa';

import { PROJECT_ROOT } from '../../../src/paths.js';
import type { SimWorld } from '../../helpers/sim.js';
import { uniqueId } from '../../helpers/temporal.js';

/** A production worker (`node lib/src/worker.js`) running in its own process, with everything it prints kept. */
export interface WorkerProcess {
  taskQueue: string;
  /** The environment the worker runs with; CLI children given it reach the same server, queue and simulator. */
  env: NodeJS.ProcessEnv;
  /** Everything the worker wrote to stdout and stderr so far. */
  output(): string;
  /** Stops the worker with SIGTERM (a graceful shutdown) and waits for it to exit. */
  stop(): Promise<void>;
}

// DefaultLogger pretty-prints the meta object over several lines.
const READY = /Worker state changed \{[^}]*state: 'RUNNING'/;

/**
 * Starts the built worker as a child process in `world`, on a task queue of its own, and resolves once it
 * polls. Needs `npm run build` (lib/).
 */
export async function startWorkerProcess(world: SimWorld, extraEnv: NodeJS.ProcessEnv = {}): Promise<WorkerProcess> {
  const taskQueue = uniqueId('tq-secrets');
  const dataDir = join(world.home, '..', 'data');
  mkdirSync(dataDir, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...world.env,
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS,
    AMP_CODEC_KEY: process.env.AMP_CODEC_KEY,
    AMP_TASK_QUEUE: taskQueue,
    AMP_DATA_DIR: dataDir,
    AMP_POLL_MS: '250',
    ...extraEnv,
  };
  const child: ResultPromise = execa('node', [join(PROJECT_ROOT, 'lib/src/worker.js')], {
    env,
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    all: true,
    forceKillAfterDelay: 15_000,
  });
  let output = '';
  child.all?.setEncoding('utf8');
  child.all?.on('data', (chunk: string) => {
    output += chunk;
  });
  const exited = child.then(() => undefined);
  const deadline = Date.now() + 60_000;
  while (!READY.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      throw new Error(`the worker did not start:\n${output.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    taskQueue,
    env,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
