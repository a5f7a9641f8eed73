import type { Command } from 'commander';

import { ExitCode, ExitError, badInput } from '../errors.js';

const FAULT_HELP = `
Fault kinds (docs/simulator.md has examples):
  cli              --match "oc new-app" [--times N] [--stderr TEXT] [--stdout TEXT] [--exit-code N] [--hang SECONDS]
  minishift-start  --stage image-pull|vm-start|cluster-up|github-check [--times N]
  pod              --dc NAME --mode image-pull-unauthorized|crashloop [--container C] [--for SIM_SECONDS] [--project P]
  pvc              --claim NAME [--project P]
  import           --imagestream NAME [--tag T] [--project P]
  hook             --dc NAME [--hook pre|mid|post] --failures K [--project P]
  gateway          [--host HOST|*.suffix] [--status 503] [--body TEXT] [--times N]
Or give the whole fault as JSON: --json '{"kind":"cli","match":"oc get pods","stderr":"...","exitCode":1}'`;

/** `amp-installer sim …`: the cluster simulator's helpers (env, reset, fault). */
export function registerSim(program: Command): void {
  const sim = program.command('sim').description('Cluster simulator: minishift, oc, router, APIcast, admin API and Echo API');

  sim
    .command('env')
    .description('Print the export lines that put the simulated oc/minishift first on PATH and keep kubeconfig and minishift state inside the simulator folder.')
    .option('--profile <profile>', 'minishift profile whose router address to export', 'minishift')
    .option('--json', 'print the variables as a JSON object instead of export lines')
    .action(async (opts: { profile: string; json?: boolean }) => {
      const { simEnvVars, exportLines } = await import('../../sim/cluster/admin/env.js');
      const vars = simEnvVars(opts.profile);
      process.stdout.write(opts.json ? `${JSON.stringify(vars, null, 2)}\n` : `${exportLines(vars)}\n`);
    });

  sim
    .command('reset')
    .description('Stop every simulated router and simulator process, and wipe the simulator state folder ($AMP_SIM_HOME).')
    .action(async () => {
      const { resetSimulator } = await import('../../sim/cluster/admin/reset.js');
      const r = await resetSimulator();
      process.stdout.write(`Simulator state at ${r.home} removed (stopped ${r.routers} router(s), ${r.processes} process(es)).\n`);
    });

  const fault = sim.command('fault').description('Inject faults into the simulator ($AMP_SIM_HOME/faults.json; AMP_SIM_FAULTS adds a file).');
  fault
    .command('add')
    .description('Add a fault.')
    .argument('[kind]', 'cli | minishift-start | pod | pvc | import | hook | gateway')
    .option('--json <fault>', 'the whole fault as JSON')
    .option('--match <prefix>', 'cli: cli name + argument prefix, e.g. "oc new-app"')
    .option('--times <n>', 'how many uses (cli, minishift-start, gateway)')
    .option('--stderr <text>', 'cli: text printed on stderr')
    .option('--stdout <text>', 'cli: text printed on stdout')
    .option('--exit-code <n>', 'cli: exit code (default 1 when stderr/stdout is given)')
    .option('--hang <seconds>', 'cli: real seconds the call hangs first')
    .option('--stage <stage>', 'minishift-start: image-pull | vm-start | cluster-up | github-check')
    .option('--dc <name>', 'pod/hook: DeploymentConfig name')
    .option('--project <name>', 'pod/pvc/import/hook: only in this project')
    .option('--mode <mode>', 'pod: image-pull-unauthorized | crashloop')
    .option('--container <name>', 'pod: only this container')
    .option('--for <seconds>', 'pod: simulated seconds the fault lasts per pod (default: for good)')
    .option('--claim <name>', 'pvc: claim that stays unbound')
    .option('--imagestream <name>', 'import: ImageStream whose import fails')
    .option('--tag <tag>', 'import: only this tag')
    .option('--hook <hook>', 'hook: pre | mid | post (default pre)')
    .option('--failures <k>', 'hook: how many attempts fail')
    .option('--host <host>', 'gateway: Host header (exact, or *.suffix)')
    .option('--status <code>', 'gateway: HTTP status (default 503)')
    .option('--body <text>', 'gateway: response body')
    .addHelpText('after', FAULT_HELP)
    .action(async (kind: string | undefined, opts: Record<string, string>) => {
      const { addFault, faultFromOptions, simHome } = await import('../../sim/cluster/admin/faults-cli.js');
      let input;
      try {
        input = faultFromOptions(kind, opts);
      } catch (err) {
        throw badInput(`invalid --json: ${(err as Error).message}`);
      }
      try {
        const f = await addFault(simHome(), input);
        process.stdout.write(`${f.id}\n`);
      } catch (err) {
        if ((err as Error).name === 'InvalidFaultError') throw badInput(`invalid fault: ${(err as Error).message}`);
        throw err;
      }
    });
  fault
    .command('list')
    .description('List faults from both sources with their usage.')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { allFaults, describeFault, simHome } = await import('../../sim/cluster/admin/faults-cli.js');
      const list = await allFaults(simHome(), process.env.AMP_SIM_FAULTS || undefined);
      if (opts.json) process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      else if (list.length === 0) process.stdout.write('No faults.\n');
      else process.stdout.write(`${list.map(describeFault).join('\n')}\n`);
    });
  fault
    .command('clear')
    .description('Remove faults added with `sim fault add` (all, or the given ids); AMP_SIM_FAULTS file faults stay.')
    .argument('[ids...]', 'fault ids (as printed by add/list)')
    .action(async (ids: string[]) => {
      const { clearFaults, simHome } = await import('../../sim/cluster/admin/faults-cli.js');
      const n = await clearFaults(simHome(), ids);
      if (ids.length > 0 && n === 0) throw new ExitError(ExitCode.Failure, `no such fault: ${ids.join(', ')}`);
      process.stdout.write(`Cleared ${n} fault(s).\n`);
    });
}
