/** Process exit codes of the `amp-installer` CLI (documented in `--help`). */
export const ExitCode = {
  /** The command did what was asked. */
  Ok: 0,
  /** Any failure that is not the user's input: a failed install, an unreachable server, a bug. */
  Failure: 1,
  /** Bad input: an invalid spec, an unknown option, a missing file. */
  BadInput: 2,
  /** The install is paused and waits for `amp-installer resume` (or `abort`). */
  Paused: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * Thrown by a command to end the process with `code` after printing `message` (if any) on stderr.
 * Only `src/cli/main.ts` turns it into `process.exit`.
 */
export class ExitError extends Error {
  constructor(
    public readonly code: ExitCode,
    message = '',
  ) {
    super(message);
    this.name = 'ExitError';
  }
}

/** Shorthand for an {@link ExitError} with {@link ExitCode.BadInput}. */
export function badInput(message: string): ExitError {
  return new ExitError(ExitCode.BadInput, message);
}
