import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import lockfile from 'proper-lockfile';

/** Thrown when a state file exists but is not valid JSON (never expected: writes are atomic renames). */
export class CorruptStateError extends Error {
  constructor(public readonly file: string, cause: unknown) {
    super(`simulator state file ${file} is not valid JSON: ${String(cause)}`);
    this.name = 'CorruptStateError';
  }
}

/** Reads a JSON file, or undefined when it does not exist. Atomic writes make every read a consistent snapshot. */
export function readJson<T>(file: string): T | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new CorruptStateError(file, err);
  }
}

/** Writes JSON atomically: a temp file in the same folder, then rename (readers never see half a file). */
export function writeJsonAtomic(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(tmp, JSON.stringify(value));
  renameSync(tmp, file);
}

/** What a locked update decides: the new content (`undefined` keeps the file, `null` deletes it) and a result. */
export interface UpdateOutcome<T, R> {
  value?: T | null;
  result: R;
}

const LOCK_RETRIES = { retries: 400, factor: 1.3, minTimeout: 5, maxTimeout: 60, randomize: true };

/**
 * Read-modify-write of a JSON file under a cross-process lock (proper-lockfile on `<file>.lock`).
 * With `tryOnly` the call gives up at once (returns undefined) when another process holds the lock.
 */
export async function updateJson<T, R>(
  file: string,
  fn: (current: T | undefined) => UpdateOutcome<T, R> | Promise<UpdateOutcome<T, R>>,
  opts: { tryOnly?: boolean } = {},
): Promise<R | undefined> {
  mkdirSync(dirname(file), { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(file, {
      realpath: false,
      stale: 15_000,
      retries: opts.tryOnly ? 0 : LOCK_RETRIES,
      lockfilePath: `${file}.lock`,
    });
  } catch (err) {
    if (opts.tryOnly && (err as NodeJS.ErrnoException).code === 'ELOCKED') return undefined;
    throw err;
  }
  try {
    const outcome = await fn(readJson<T>(file));
    if (outcome.value === null) rmSync(file, { force: true });
    else if (outcome.value !== undefined) writeJsonAtomic(file, outcome.value);
    return outcome.result;
  } finally {
    await release().catch(() => undefined);
  }
}
