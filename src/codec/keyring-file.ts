import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import lockfile from 'proper-lockfile';
import { stringify } from 'yaml';

import { defaultRedactor, type Redactor } from '../redaction/index.js';
import { KeyringError } from './errors.js';
import { KEY_BYTES, Keyring, parseKeyLine, type RawKeyEntry } from './keyring.js';
import { devKeyringPath, loadKeyring, loosePermissionBits, modeString, readKeyringFile } from './load-keyring.js';

/** A fresh key, ready for a keyring file (`keys:` entry) or, via {@link formatKeyLine}, for `AMP_CODEC_KEY`. */
export interface GeneratedKey {
  id: string;
  /** Base64 of 32 random bytes: a secret. */
  key: string;
  created: string;
}

/**
 * A new random AES-256 key dated `created` (default now); the default id is `k-<yyyymmdd>-<random>` so same-day
 * rotations don't collide.
 */
export function generateKey(id?: string, created: Date = new Date()): GeneratedKey {
  const key = randomBytes(KEY_BYTES).toString('base64');
  const keyId = id ?? `k-${created.toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(3).toString('hex')}`;
  parseKeyLine(`${keyId}:${key}`, 'key id'); // the same id rules as everywhere else
  return { id: keyId, key, created: created.toISOString() };
}

/** The `AMP_CODEC_KEY` form of a key: `<id>:<base64>`. */
export function formatKeyLine(key: Pick<GeneratedKey, 'id' | 'key'>): string {
  return `${key.id}:${key.key}`;
}

const HEADER =
  '# amp-installer payload encryption keyring (see docs/security.md). SECRET: keep it mode 0600, never commit it.\n' +
  '# The newest key (latest `created`, else the last listed) encrypts; every listed key decrypts.\n';

/** The text of a keyring file holding `entries`. */
export function formatKeyringFile(entries: readonly RawKeyEntry[]): string {
  return HEADER + stringify({ keys: entries.map((e) => ({ id: e.id, key: e.key, ...(e.created ? { created: e.created } : {}) })) });
}

/** Writes a keyring file atomically with mode 0600 (its folder is created 0700 if missing). */
export function writeKeyringFile(file: string, entries: readonly RawKeyEntry[]): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, formatKeyringFile(entries), { mode: 0o600, flag: 'wx' });
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}

async function withFileLock<T>(file: string, fn: () => T): Promise<T> {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const release = await lockfile.lock(file, { realpath: false, retries: { retries: 20, minTimeout: 20, maxTimeout: 200 } });
  try {
    return fn();
  } finally {
    await release();
  }
}

/** Result of {@link addKeyToKeyring} and {@link removeKeyFromKeyring}: ids only, never material. */
export interface KeyringChange {
  file: string;
  /** Every key id left in the file, in order. */
  ids: string[];
  /** The key that encrypts now. */
  activeId: string;
  /** The id {@link addKeyToKeyring} added. */
  added?: string;
}

/**
 * Rotation step 1: appends a fresh key to the keyring `file` (created if missing; a one-line key file becomes a
 * keyring). It encrypts from `activateAt` on (default: now); until then it only decrypts, which gives time to copy
 * the file to every worker, client and codec server. Older keys stay, so old histories still decrypt.
 */
export async function addKeyToKeyring(file: string, opts: { id?: string; activateAt?: Date } = {}): Promise<KeyringChange> {
  return withFileLock(file, () => {
    const entries = existsSync(file) ? readKeyringFile(file, file) : [];
    const fresh = generateKey(opts.id, opts.activateAt);
    if (entries.some((e) => e.id === fresh.id)) throw new KeyringError(file, [`keys: id "${fresh.id}" already exists`]);
    const next = [...entries, fresh];
    writeKeyringFile(file, next);
    const keyring = Keyring.fromRaw(next, file);
    return { file, ids: keyring.ids, activeId: keyring.activeId, added: fresh.id };
  });
}

/**
 * Rotation step 3: removes the retired key `id` from `file` once no history needs it. Refuses to remove the
 * encrypting key or the last one.
 */
export async function removeKeyFromKeyring(file: string, id: string): Promise<KeyringChange> {
  return withFileLock(file, () => {
    const entries = readKeyringFile(file, file);
    const keyring = Keyring.fromRaw(entries, file);
    if (!keyring.has(id)) throw new KeyringError(file, [`keys: no key with id "${id}"`]);
    if (id === keyring.activeId) throw new KeyringError(file, [`keys: "${id}" is the encrypting (newest) key; add a newer key first`]);
    const next = entries.filter((e) => e.id !== id);
    writeKeyringFile(file, next);
    const after = Keyring.fromRaw(next, file);
    return { file, ids: after.ids, activeId: after.activeId };
  });
}

/** Result of {@link ensureDevKeyring}. */
export interface DevKeyring {
  keyring: Keyring;
  /** The dev keyring file, or undefined when AMP_CODEC_KEY / AMP_CODEC_KEY_FILE configured the keys instead. */
  file?: string;
  /** Whether this call created the file. */
  created: boolean;
  /** Whether this call tightened the file's permissions to 0600. */
  permissionsFixed: boolean;
}

/**
 * For `amp-installer dev`: the configured keyring if AMP_CODEC_KEY / AMP_CODEC_KEY_FILE is set, else
 * `<dataDir>/codec-keyring.yaml`, created with one fresh key and mode 0600 if it does not exist yet. An existing
 * file that others can read is tightened to 0600 (reported through `onWarning`), or refused if that fails.
 */
export function ensureDevKeyring(
  dataDir: string,
  opts: { env?: NodeJS.ProcessEnv; onWarning?: (message: string) => void; redactor?: Redactor | null } = {},
): DevKeyring {
  const env = opts.env ?? process.env;
  const redactor = opts.redactor === undefined ? defaultRedactor : opts.redactor;
  if (env.AMP_CODEC_KEY?.trim() || env.AMP_CODEC_KEY_FILE?.trim()) {
    return { keyring: loadKeyring(env, { onWarning: opts.onWarning, redactor }), created: false, permissionsFixed: false };
  }
  const file = devKeyringPath(dataDir);
  let created = false;
  if (!existsSync(file)) created = createExclusively(file, formatKeyringFile([generateKey()]));
  let permissionsFixed = false;
  if (loosePermissionBits(file)) {
    const before = modeString(file);
    try {
      chmodSync(file, 0o600);
    } catch {
      throw new KeyringError(file, [`is readable by other users (mode ${before}) and chmod failed; run chmod 600 on it`]);
    }
    permissionsFixed = true;
    opts.onWarning?.(`${file}: was readable by other users (mode ${before}); changed it to 600`);
  }
  const keyring = loadKeyring({}, { dataDir, onWarning: opts.onWarning, redactor });
  return { keyring, file, created, permissionsFixed };
}

// Two `amp-installer dev` starting at once must agree on one key: link() fails if the name exists, so only one
// fully written file ever appears under it.
function createExclusively(file: string, text: string): boolean {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    rmSync(tmp, { force: true });
  }
}
