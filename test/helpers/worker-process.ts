import { join } from 'node:path';

import { execa, type ResultPromise } from 'execa';

import { PROJECT_ROOT } from '../../src/paths.js';
import type { SimWorld } from './sim.js';

/** A worker in its own process (`node lib/src/worker.js`), so a test can SIGKILL it like a crashed host. */
export interface WorkerProcess {
  child: ResultPromise;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves once the worker polls its task queue. */
  ready(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function startWorkerProcess(world: SimWorld, taskQueue: string, extraEnv: NodeJS.ProcessEnv = {}): WorkerProcess {
  let out = '';
  const child = execa('node', [join(PROJECT_ROOT, 'lib/src/worker.js')], {
    env: { ...world.env, TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS, AMP_TASK_QUEUE: taskQueue, AMP_POLL_MS: '250', AMP_DATA_DIR: `${world.home}/../data`, ...extraEnv },
    reject: false,
    all: true,
  });
  child.all?.on('data', (d: Buffer) => (out += d.toString()));
  return {
    child,
    output: () => out,
    async ready() {
      const deadline = Date.now() + 60_000;
      while (!/state: 'RUNNING'|"state":"RUNNING"|RUNNING/.test(out)) {
        if (Date.now() > deadline) throw new Error(`worker did not start:\n${out}`);
        if (child.exitCode !== null) throw new Error(`worker exited ${child.exitCode}:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async kill(signal = 'SIGKILL') {
      child.kill(signal);
      await child;
    },
  };
}
