import type { Command } from 'commander';

import { ExitError, type ExitCode } from '../errors.js';

/** `amp-installer preflight -f spec.yaml`: the install's preflight checks alone, on the worker. */
export function registerPreflight(program: Command): void {
  program
    .command('preflight')
    .description(
      'Check, before installing and without changing anything, everything an install of the spec needs: the oc and ' +
        'minishift CLIs, the cluster or VM, the VM size for the template, the wildcard domain, stale 3scale objects in ' +
        'the project and the registry credentials. The checks run on the worker (where installs run) and every ' +
        'problem is listed at once. Exit 0 when there is no problem, 1 when there are problems, 2 for an invalid spec.',
    )
    .requiredOption('-f, --file <spec>', 'install spec file (YAML or JSON)')
    .option('--json', 'print the report (every check with its problems and warnings) as JSON')
    .action(async (opts: { file: string; json?: boolean }) => {
      const { runPreflightCommand } = await import('../preflight-command.js');
      const code = await runPreflightCommand(opts);
      if (code !== 0) throw new ExitError(code as ExitCode);
    });
}
