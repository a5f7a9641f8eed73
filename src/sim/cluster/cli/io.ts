/** Where a simulated CLI writes; real stdout/stderr in the executables, buffers in unit tests. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Whether stdin is a terminal (prompts behave differently without one). */
  stdinIsTTY: boolean;
  /** Reads one line from stdin (undefined on EOF). */
  readLine(): Promise<string | undefined>;
}

/** Ends the command with an exit code after printing `stderr` (if any) — the simulated `os.Exit`. */
export class CliExit extends Error {
  constructor(
    public readonly code: number,
    public readonly stderr = '',
  ) {
    super(stderr || `exit ${code}`);
    this.name = 'CliExit';
  }
}

/**
 * The process's own streams. A closed pipe ends the process quietly with 141, as SIGPIPE ends the real binaries
 * (an `oc new-app` whose parent died stops at its next line of output); `onBrokenPipe` runs just before.
 */
export function processIO(onBrokenPipe?: () => void): CliIO {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') {
        onBrokenPipe?.();
        process.exit(141);
      }
      throw err;
    });
  }
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    stdinIsTTY: Boolean(process.stdin.isTTY),
    readLine: () =>
      new Promise((resolve) => {
        let buf = '';
        const onData = (chunk: Buffer): void => {
          buf += chunk.toString('utf8');
          const nl = buf.indexOf('\n');
          if (nl >= 0) done(buf.slice(0, nl));
        };
        const onEnd = (): void => done(buf === '' ? undefined : buf);
        const done = (v: string | undefined): void => {
          process.stdin.off('data', onData);
          process.stdin.off('end', onEnd);
          process.stdin.pause();
          resolve(v);
        };
        process.stdin.on('data', onData);
        process.stdin.on('end', onEnd);
        process.stdin.resume();
      }),
  };
}
