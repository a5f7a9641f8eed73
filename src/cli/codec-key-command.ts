import {
  addKeyToKeyring,
  formatKeyLine,
  generateKey,
  Keyring,
  KeyringError,
  readKeyringFile,
  removeKeyFromKeyring,
  type KeyringChange,
  type RawKeyEntry,
} from '../codec/index.js';
import { badInput } from './errors.js';

/** A key as `codec-key list` shows it: never its material. */
export interface KeyListing {
  id: string;
  created?: string;
  /** encrypting: new payloads use it; staged: decrypts now, encrypts from `created`; decrypt-only: an older key. */
  status: 'encrypting' | 'staged' | 'decrypt-only';
}

const RELATIVE = /^\+(\d+)(m|h|d)$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Parses `--activate-at`: an ISO 8601 date or time, or `+N(m|h|d)` from `now`; exit 2 otherwise. */
export function parseActivateAt(text: string, now = Date.now()): Date {
  const rel = RELATIVE.exec(text.trim());
  if (rel) return new Date(now + Number(rel[1]) * UNIT_MS[rel[2] as keyof typeof UNIT_MS]);
  const date = ISO.test(text.trim()) ? new Date(text.trim()) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) {
    throw badInput(`--activate-at ${text}: not a date; use an ISO 8601 date or time (2027-02-01T00:00:00Z) or +DURATION (+24h, +7d)`);
  }
  return date;
}

/** Runs `fn`, turning keyring problems (bad file, unknown id, refusing to remove) into exit 2 with their message. */
async function keyringInput<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    // KeyringError messages name the file and the problem, never key material (src/codec/errors.ts).
    if (err instanceof KeyringError) throw badInput(err.message);
    throw err;
  }
}

function summary(change: KeyringChange): string {
  return `Keys in ${change.file}: ${change.ids.join(', ')} (encrypting now: ${change.activeId})`;
}

/** `codec-key generate`: the one place key material is printed, on stdout only. */
export function runGenerate(opts: { id?: string }): void {
  let key;
  try {
    key = generateKey(opts.id);
  } catch (err) {
    if (err instanceof KeyringError) throw badInput(`--id: ${err.problems.join('; ').replace(/^the key id before ":" /, '')}`);
    throw err;
  }
  process.stdout.write(`${formatKeyLine(key)}\n`);
}

/** `codec-key add`: rotation step 1. */
export async function runAdd(opts: { file: string; id?: string; activateAt?: string }): Promise<void> {
  const activateAt = opts.activateAt ? parseActivateAt(opts.activateAt) : undefined;
  const change = await keyringInput(() => addKeyToKeyring(opts.file, { id: opts.id, activateAt }));
  const when = activateAt && activateAt.getTime() > Date.now() ? `it decrypts now and encrypts from ${activateAt.toISOString()}` : 'it encrypts from now on';
  process.stdout.write(`Added key ${change.added} to ${change.file}: ${when}.\n${summary(change)}\n`);
  if (change.activeId !== change.added) {
    process.stdout.write('Copy the file to every worker, CLI host and codec server before the key starts encrypting.\n');
  }
}

/** `codec-key remove`: rotation step 3. */
export async function runRemove(opts: { file: string; id: string }): Promise<void> {
  const change = await keyringInput(() => removeKeyFromKeyring(opts.file, opts.id));
  process.stdout.write(`Removed key ${opts.id} from ${change.file}.\n${summary(change)}\n`);
}

/** The keys of a keyring file with their status at `now`, without material. */
export function listKeys(entries: readonly RawKeyEntry[], source: string, now = Date.now()): KeyListing[] {
  let activeId: string | undefined;
  try {
    activeId = Keyring.fromRaw(entries, source).activeIdAt(now);
  } catch {
    activeId = undefined; // every key is future-dated: all are staged
  }
  return entries.map((e) => {
    const staged = e.created !== undefined && new Date(e.created).getTime() > now;
    const status: KeyListing['status'] = e.id === activeId ? 'encrypting' : staged ? 'staged' : 'decrypt-only';
    return { id: e.id, ...(e.created ? { created: e.created } : {}), status };
  });
}

/** `codec-key list`. */
export function runList(opts: { file: string; json?: boolean }): void {
  let entries: RawKeyEntry[];
  try {
    entries = readKeyringFile(opts.file, opts.file, (warning) => process.stderr.write(`warning: ${warning}\n`));
  } catch (err) {
    if (err instanceof KeyringError) throw badInput(err.message);
    throw err;
  }
  const keys = listKeys(entries, opts.file);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(keys, null, 2)}\n`);
    return;
  }
  const width = Math.max(2, ...keys.map((k) => k.id.length));
  const lines = [`${'ID'.padEnd(width)}  ${'CREATED'.padEnd(24)}  STATUS`];
  for (const k of keys) {
    const status = k.status === 'staged' ? `staged (encrypts from ${k.created})` : k.status;
    lines.push(`${k.id.padEnd(width)}  ${(k.created ?? '-').padEnd(24)}  ${status}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
