import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { stringify } from 'yaml';

import type { InstallSpecInput } from '../../../src/shared/spec.js';
import { runCli } from '../../helpers/cli.js';
import { simWorld, type SimWorld } from '../../helpers/sim.js';
import { testdir } from '../../helpers/testdir.js';
import { startWorkerProcess, type WorkerProcess } from './worker-process.js';

/** What `runCli` returns. */
export type CliRun = Awaited<ReturnType<typeof runCli>>;

/** A simulator world with a production worker process, and the CLI pointed at both. */
export interface SecretsRig {
  world: SimWorld;
  worker(): WorkerProcess;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Runs `amp-installer ARGS` with the worker's environment (server, task queue, codec key, simulator). */
  cli(args: string[]): Promise<CliRun>;
  /** Writes `spec` as a YAML spec file and returns its path. */
  specFile(name: string, spec: InstallSpecInput): string;
}

/** Creates (does not start) a rig whose worker and CLI see `extraEnv` (e.g. the registry credentials). */
export function secretsRig(extraEnv: NodeJS.ProcessEnv): SecretsRig {
  const world = simWorld({ speed: 200, extraEnv });
  const dir = testdir();
  let worker: WorkerProcess | undefined;
  const current = (): WorkerProcess => {
    if (!worker) throw new Error('the rig is not started');
    return worker;
  };
  return {
    world,
    worker: current,
    async start() {
      worker = await startWorkerProcess(world);
    },
    async stop() {
      await worker?.stop();
      await world.reset();
    },
    cli: (args) => runCli(args, { env: current().env, timeoutMs: 150_000 }),
    specFile(name, spec) {
      const file = join(dir, name);
      writeFileSync(file, stringify(spec));
      return file;
    },
  };
}

/** stdout and stderr of a CLI run, as one text. */
export const outputOf = (r: CliRun): string => `${r.stdout}\n${r.stderr}`;
