import { Option, type Command } from 'commander';

/** `amp-installer teardown -f spec.yaml` and `amp-installer rebuild -f spec.yaml`. */
export function registerTeardown(program: Command): void {
  const vm = () =>
    new Option('--vm <action>', 'what happens to the Minishift VM: keep it, stop it, or delete it (minishift delete --force)')
      .choices(['keep', 'stop', 'delete'])
      .default('keep');
  program
    .command('teardown')
    .description('Delete the project of the spec and wait until it is gone (idempotent); optionally stop or delete the VM. A running install of the target is cancelled first.')
    .requiredOption('-f, --file <spec>', 'install spec file (YAML or JSON)')
    .addOption(vm())
    .action(async (opts: { file: string; vm: 'keep' | 'stop' | 'delete' }) => {
      const { runTeardown } = await import('../teardown-command.js');
      await runTeardown(opts);
    });
  program
    .command('rebuild')
    .description('Teardown, then a fresh install of the same target; follows the install like `install` (same exit codes).')
    .requiredOption('-f, --file <spec>', 'install spec file (YAML or JSON)')
    .addOption(vm())
    .option('--json', 'print the final status object as JSON')
    .action(async (opts: { file: string; vm: 'keep' | 'stop' | 'delete'; json?: boolean }) => {
      const { runRebuild } = await import('../teardown-command.js');
      await runRebuild(opts);
    });
}
