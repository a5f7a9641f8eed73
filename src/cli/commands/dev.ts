import type { Command } from 'commander';

import { ExitCode, ExitError } from '../errors.js';

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
