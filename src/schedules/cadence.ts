import type { ScheduleSpec } from '@temporalio/client';
import type { Duration } from '@temporalio/common';

/** When a schedule rebuilds: a cron expression (in a time zone) or a fixed interval. Kept in the schedule's memo. */
export type Cadence = { cron: string; timezone: string } | { every: string };

/** Thrown when `--cron`/`--every`/`--timezone` are missing, both given or malformed (the CLI exits 2). */
export class CadenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CadenceError';
  }
}

const EVERY = /^(\d+)(s|m|h|d)$/;
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
/** A rebuild takes minutes; a shorter interval would only ever skip (overlap SKIP) and hammer the cluster. */
export const MIN_INTERVAL_MS = 60_000;

/** Milliseconds of an `--every` duration such as `90m`, `24h`, `7d`, or undefined if it is not one. */
export function everyMs(text: string): number | undefined {
  const m = EVERY.exec(text.trim());
  return m ? Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS] : undefined;
}

function validTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The cadence of `--cron EXPR [--timezone TZ]` or `--every DURATION`; exactly one of them. */
export function parseCadence(opts: { cron?: string; every?: string; timezone?: string }): Cadence {
  if (opts.cron !== undefined && opts.every !== undefined) throw new CadenceError('give either --cron or --every, not both');
  if (opts.every !== undefined) {
    if (opts.timezone !== undefined) throw new CadenceError('--timezone applies to --cron only');
    const ms = everyMs(opts.every);
    if (ms === undefined) throw new CadenceError(`--every ${opts.every}: must be a duration like 30m, 24h or 7d`);
    if (ms < MIN_INTERVAL_MS) throw new CadenceError(`--every ${opts.every}: must be at least 1m (a rebuild takes minutes)`);
    return { every: opts.every.trim() };
  }
  if (opts.cron !== undefined) {
    const cron = opts.cron.trim();
    if (!cron) throw new CadenceError('--cron: the expression is empty');
    const timezone = opts.timezone ?? 'UTC';
    if (!validTimezone(timezone)) throw new CadenceError(`--timezone ${timezone}: not an IANA time zone (e.g. UTC, Europe/Paris)`);
    return { cron, timezone };
  }
  throw new CadenceError('say when to rebuild: --cron "0 3 * * *" or --every 24h');
}

/** The Temporal schedule spec of a cadence (the server checks the cron syntax itself). */
export function scheduleSpecOf(cadence: Cadence): ScheduleSpec {
  if ('every' in cadence) return { intervals: [{ every: cadence.every as Duration }] };
  return { cronExpressions: [cadence.cron], timezone: cadence.timezone };
}

/** One-line description: `every 24h`, `cron "0 3 * * *" (UTC)`. */
export function describeCadence(cadence: Cadence | undefined): string {
  if (!cadence) return '(unknown)';
  return 'every' in cadence ? `every ${cadence.every}` : `cron "${cadence.cron}" (${cadence.timezone})`;
}
