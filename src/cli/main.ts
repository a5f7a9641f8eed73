import { Command, CommanderError } from 'commander';

import { ExitCode, ExitError } from './errors.js';
import { registerCommands } from './commands/index.js';

const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  failure (install failed, server unreachable, internal error)
  2  bad input (invalid spec, unknown option, missing file)
  3  the install is paused and waits for \`amp-installer resume\``;

/** Builds the command tree; exported so tests can inspect `--help` texts without spawning. */
export function buildProgram(): Command {
  const program = new Command('amp-installer')
    .description('Install Red Hat 3scale API Management on OpenShift as durable Temporal workflows.')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) });
  program.addHelpText('after', EXIT_CODES_HELP);
  registerCommands(program);
  // Every subcommand documents the exit codes and maps usage errors to exit 2.
  const visit = (cmd: Command): void => {
    for (const sub of cmd.commands) {
      sub.exitOverride();
      sub.addHelpText('after', EXIT_CODES_HELP);
      visit(sub);
    }
  };
  visit(program);
  return program;
}

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return ExitCode.Ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      if (err.exitCode === 0) return ExitCode.Ok;
      return ExitCode.BadInput;
    }
    if (err instanceof ExitError) {
      if (err.message) process.stderr.write(err.message.endsWith('\n') ? err.message : `${err.message}\n`);
      return err.code;
    }
    process.stderr.write(`amp-installer: unexpected error (this is a bug, please report it):\n${(err as Error)?.stack ?? String(err)}\n`);
    return ExitCode.Failure;
  }
}

// The only place that ends the process (changesets habit: library code throws, the entry exits).
main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exitCode = ExitCode.Failure;
  },
);
