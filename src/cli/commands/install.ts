import type { Command } from 'commander';

import { ExitError, type ExitCode } from '../errors.js';

/** `amp-installer install -f spec.yaml`: start (or attach to) the install of the spec's target and follow it. */
export function registerInstall(program: Command): void {
  program
    .command('install')
    .description(
      'Install 3scale as the spec says, as a durable workflow: one per target (platform, profile, project); ' +
        'a second install of a target that is being installed attaches to it. Shows progress until the install ' +
        'is installed (exit 0), paused (exit 3, with the diagnosis and the resume command) or failed (exit 1).',
    )
    .requiredOption('-f, --file <spec>', 'install spec file (YAML or JSON)')
    .option('--detach', 'start it and print the workflow id and the Web UI link, without waiting')
    .option('--json', 'print the final status object as JSON instead of text')
    .action(async (opts: { file: string; detach?: boolean; json?: boolean }) => {
      const { runInstall } = await import('../install-command.js');
      const code = await runInstall(opts);
      if (code !== 0) throw new ExitError(code as ExitCode);
    });
}
