import type { Command } from 'commander';

import { ExitCode, ExitError } from '../errors.js';
import type { ExitCode as Code } from '../errors.js';

/** `amp-installer dev` and `amp-installer worker`. */
export function registerDev(program: Command): void {
  program
    .command('dev')
    .description(
      'Run the embedded Temporal dev server (SQLite in .data/, Web UI, search attributes registered) and a worker, ' +
        'in the foreground. Ctrl-C stops both.',
    )
    .option('--port <port>', 'Temporal frontend port', (v) => Number(v), 7233)
    .option('--ui-port <port>', 'Web UI port', (v) => Number(v), 8233)
    .option('--codec-port <port>', 'port of the codec server the Web UI decodes payloads with', (v) => Number(v), 8234)
    .action(async (opts: { port: number; uiPort: number; codecPort: number }) => {
      const { loadRuntimeConfig } = await import('../../config/env.js');
      const { runDev, DevAlreadyRunningError } = await import('../../dev/run-dev.js');
      const config = loadRuntimeConfig();
      try {
        await runDev({
          config,
          port: opts.port,
          uiPort: opts.uiPort,
          codecPort: opts.codecPort,
          env: process.env,
          onReady: (info) =>
            process.stdout.write(
              `Temporal dev server at ${info.temporalAddress} (data: ${config.dataDir}/temporal.db)\n` +
                `Web UI: ${info.uiUrl} (payloads decoded by the codec server at ${info.codecUrl})\n` +
                `Worker polling task queue "${config.taskQueue}" in namespace "${config.namespace}".\n` +
                'Press Ctrl-C to stop.\n',
            ),
        });
        process.stdout.write('Stopped the worker and the dev server.\n');
      } catch (err) {
        if (err instanceof DevAlreadyRunningError) throw new ExitError(ExitCode.Failure, err.message);
        throw err;
      }
    });

  program
    .command('worker')
    .description('Run a worker alone against TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE (task queue AMP_TASK_QUEUE).')
    .action(async () => {
      const { loadRuntimeConfig } = await import('../../config/env.js');
      const { runWorker } = await import('../../worker.js');
      const config = loadRuntimeConfig();
      process.stdout.write(`Worker for ${config.temporalAddress}, namespace "${config.namespace}", task queue "${config.taskQueue}". Ctrl-C stops it.\n`);
      await runWorker(config);
    });
}

/** `amp-installer demo` (what `npm run demo` runs). */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'Offline demo: the embedded dev server, a worker and the simulated Minishift (state in .data/sim); installs ' +
        "3scale 2.4 with the seed's parameters (examples/minishift-2.4.yaml), shows progress, prints the outputs and " +
        'the Web UI link, then keeps the server running for the UI until Ctrl-C. Run again, it installs again on the ' +
        'same simulated VM and finds every step already done; --fresh resets the simulator first.',
    )
    .option('--fresh', 'reset the simulator (a new VM) before installing')
    .option('--speed <factor>', 'how much faster than real time the simulated cluster runs', (v) => Number(v), 20)
    .option('--exit', 'stop the dev server and the worker once the install settled')
    .option('--port <port>', 'Temporal frontend port', (v) => Number(v), 7233)
    .option('--ui-port <port>', 'Web UI port', (v) => Number(v), 8233)
    .option('--codec-port <port>', 'codec server port', (v) => Number(v), 8234)
    .action(async (opts: { fresh?: boolean; speed: number; exit?: boolean; port: number; uiPort: number; codecPort: number }) => {
      const { loadRuntimeConfig } = await import('../../config/env.js');
      const { runDemo } = await import('../../demo/run-demo.js');
      const { DevAlreadyRunningError } = await import('../../dev/run-dev.js');
      try {
        const code = await runDemo({
          config: loadRuntimeConfig(),
          fresh: opts.fresh ?? false,
          speed: opts.speed,
          exitWhenDone: opts.exit ?? false,
          port: opts.port,
          uiPort: opts.uiPort,
          codecPort: opts.codecPort,
          log: (line) => process.stdout.write(`${line}\n`),
        });
        if (code !== 0) throw new ExitError(code as Code);
      } catch (err) {
        if (err instanceof DevAlreadyRunningError) throw new ExitError(ExitCode.Failure, err.message);
        throw err;
      }
    });
}
