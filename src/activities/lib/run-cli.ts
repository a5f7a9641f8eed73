import type { ResultPromise } from 'execa';
import { execa } from 'execa';
import { ApplicationFailure } from '@temporalio/common';

import { ErrorType, type FailureDetails } from '../../shared/errors.js';
import type { ActivityDeps } from '../deps.js';
import { beat, currentContext } from './heartbeat.js';
import { sessionEnv } from './session.js';

/** One CLI invocation. */
export interface CliCall {
  cli: 'oc' | 'minishift';
  /** argv after the executable: values travel as separate arguments, never through a shell. */
  args: string[];
  /** Kill the child after this long. @default 5 minutes */
  timeoutMs?: number;
  /** Text for the child's stdin (otherwise stdin is closed, so nothing waits for a TTY). */
  input?: string;
  /** Called with the child's pid as soon as it started (e.g. to record it on disk for a later attempt). */
  onSpawn?: (pid: number) => void;
  /** Environment overrides for this call (on top of the worker's and the activity's session). */
  env?: NodeJS.ProcessEnv;
  /** Secret values in `args`, `input` or the output: registered with the redactor before anything is logged. */
  secrets?: Array<{ value: string; label: string }>;
}

/** The outcome of a CLI call that ran to its end (any exit code). */
export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The command line, redacted, for messages. */
  command: string;
  durationMs: number;
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000;
const HEARTBEAT_EVERY_MS = 5_000;
const running = new Set<ResultPromise>();

// A worker that exits (even on an uncaught error) takes its CLI children with it; cancellation and graceful
// shutdown kill them through execa's cancelSignal already.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** How many CLI children run right now (the worker's shutdown and tests check it reaches 0). */
export function runningChildren(): number {
  return running.size;
}

/** Last `lines` lines of a text. */
export function tail(text: string, lines = 15): string {
  return text.split('\n').slice(-lines).join('\n').trim();
}

/**
 * The only place that starts a process. Runs `oc`/`minishift` with an argv array, a timeout, the activity's
 * cancellation (the child is killed), heartbeats while it runs, and redaction of everything it reports.
 * A non-zero exit is returned, not thrown: the caller knows what it means (see {@link cliFailure}).
 * Throws typed failures for what no caller can handle: missing executable, timeout, cancellation.
 */
export async function runCli(deps: ActivityDeps, call: CliCall): Promise<CliResult> {
  for (const s of call.secrets ?? []) deps.redactor.add(s.value, s.label);
  const file = deps.cli[call.cli];
  const command = deps.redactor.redact([call.cli, ...call.args].map(quoteForDisplay).join(' '));
  const ctx = currentContext();
  const started = Date.now();
  const child = execa(file, call.args, {
    env: { ...deps.env, ...sessionEnv(), ...call.env },
    extendEnv: false,
    reject: false,
    timeout: call.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    cancelSignal: ctx?.cancellationSignal,
    forceKillAfterDelay: 5_000,
    ...(call.input !== undefined ? { input: call.input } : { stdin: 'ignore' as const }),
    stripFinalNewline: false,
  });
  running.add(child);
  if (child.pid !== undefined) call.onSpawn?.(child.pid);
  const timer = ctx ? setInterval(beat, HEARTBEAT_EVERY_MS) : undefined;
  try {
    const result = await child;
    const durationMs = Date.now() - started;
    if (result.isCanceled && ctx) throw ctx.cancellationSignal.reason ?? result;
    if (result.failed && result.exitCode === undefined) {
      const code = (result.cause as NodeJS.ErrnoException | undefined)?.code;
      if (code === 'ENOENT') {
        throw ApplicationFailure.create({
          type: ErrorType.CliNotFound,
          nonRetryable: true,
          message: `${call.cli} executable not found: ${file} (set AMP_${call.cli.toUpperCase()} or put it on PATH)`,
          details: [{ command } satisfies FailureDetails],
        });
      }
      if (result.timedOut) {
        throw ApplicationFailure.create({
          type: ErrorType.CliTimedOut,
          message: `${command} did not finish within ${Math.round((call.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s and was killed`,
          details: [{ command, stderrTail: deps.redactor.redact(tail(String(result.stderr ?? ''))) } satisfies FailureDetails],
        });
      }
      throw ApplicationFailure.create({
        type: ErrorType.CliFailed,
        message: `${command} could not run: ${deps.redactor.redact(result.shortMessage ?? '')}`,
        details: [{ command } satisfies FailureDetails],
      });
    }
    return {
      exitCode: result.exitCode ?? -1,
      stdout: String(result.stdout ?? ''),
      stderr: String(result.stderr ?? ''),
      command,
      durationMs,
    };
  } finally {
    if (timer) clearInterval(timer);
    running.delete(child);
  }
}

/** Quotes an argument for display only (the argv itself never goes through a shell). */
function quoteForDisplay(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** Rules that classify a failed CLI call by what it printed, in order. */
const CLASSIFY: Array<{ test: RegExp; type: ErrorType; retryable: boolean }> = [
  {
    test: /connection refused|Unable to connect to the server|no route to host|i\/o timeout|TLS handshake timeout|was refused - did you specify/i,
    type: ErrorType.ClusterUnreachable,
    retryable: true,
  },
  {
    test: /You must be logged in to the server|is invalid for basic auth|token provided is invalid or expired|Login failed \(401/,
    type: ErrorType.Unauthorized,
    retryable: false,
  },
  {
    test: /Error from server \((InternalError|ServiceUnavailable|Timeout|ServerTimeout|TooManyRequests)\)|etcdserver: /,
    type: ErrorType.ServerError,
    retryable: true,
  },
  { test: /Missing or incomplete configuration info/, type: ErrorType.Unauthorized, retryable: false },
];

/**
 * A typed ApplicationFailure for a CLI call that exited non-zero: `what` says what we tried. Known shapes of
 * failure (unreachable server, unauthorized, 5xx) get their type; anything else gets `fallback`.
 */
export function cliFailure(
  deps: ActivityDeps,
  result: CliResult,
  what: string,
  fallback: { type: ErrorType; retryable: boolean; suggestion?: string } = { type: ErrorType.CliFailed, retryable: true },
): ApplicationFailure {
  const output = `${result.stderr}\n${result.stdout}`;
  const known = CLASSIFY.find((r) => r.test.test(output));
  const rule = known ?? fallback;
  const stderrTail = deps.redactor.redact(tail(result.stderr || result.stdout));
  const firstLine = stderrTail.split('\n').find((l) => l.trim()) ?? `exit code ${result.exitCode}`;
  return ApplicationFailure.create({
    type: rule.type,
    nonRetryable: !rule.retryable,
    message: `${what}: ${firstLine.trim()}`,
    details: [
      {
        command: result.command,
        exitCode: result.exitCode,
        stderrTail,
        suggestion: known ? undefined : fallback.suggestion,
        attempt: currentContext()?.info.attempt,
      } satisfies FailureDetails,
    ],
  });
}
