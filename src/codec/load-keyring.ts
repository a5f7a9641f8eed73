import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { defaultRedactor, type Redactor } from '../redaction/index.js';
import { KeyringError, KeyringNotConfiguredError } from './errors.js';
import { Keyring, parseKeyLine, parseKeyringText, type RawKeyEntry } from './keyring.js';

/** File name of the dev keyring that `amp-installer dev` keeps in the data dir. */
export const DEV_KEYRING_FILE = 'codec-keyring.yaml';

/** Path of the dev keyring in `dataDir`. */
export function devKeyringPath(dataDir: string): string {
  return join(dataDir, DEV_KEYRING_FILE);
}

/** Options of {@link loadKeyring}. */
export interface LoadKeyringOptions {
  /** Data dir whose dev keyring (`codec-keyring.yaml`) is used when neither variable is set. @default none */
  dataDir?: string;
  /** Where warnings go (a keyring file others can read). @default process.emitWarning */
  onWarning?: (message: string) => void;
  /** Redactor that learns the key material, so it can never reach a log. `null` for none. @default defaultRedactor */
  redactor?: Redactor | null;
}

/** The permission bits of `file` that let group or others in, or 0. */
export function loosePermissionBits(file: string): number {
  return statSync(file).mode & 0o077;
}

/** The permission bits of `file` in octal, e.g. `644`. */
export function modeString(file: string): string {
  return (statSync(file).mode & 0o777).toString(8);
}

/** Reads and parses a keyring file (a key line or a `keys:` document); `source` names it in errors. */
export function readKeyringFile(file: string, source: string, onWarning?: (message: string) => void): RawKeyEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'cannot be read (permission denied)' : `cannot be read (${code})`;
    throw new KeyringError(source, [why]);
  }
  if (loosePermissionBits(file) && onWarning) {
    onWarning(`${source}: the keyring is readable by other users (mode ${modeString(file)}); run chmod 600 on it`);
  }
  return parseKeyringText(text, source);
}

/**
 * The keyring this process encrypts and decrypts payloads with: `AMP_CODEC_KEY` (`<id>:<base64>` or bare base64),
 * else `AMP_CODEC_KEY_FILE` (a key line or a YAML/JSON keyring), else the dev keyring in `opts.dataDir` if it exists.
 * Throws {@link KeyringError} (with the location of each problem) or {@link KeyringNotConfiguredError}.
 */
export function loadKeyring(env: NodeJS.ProcessEnv = process.env, opts: LoadKeyringOptions = {}): Keyring {
  const warn = opts.onWarning ?? ((message: string) => process.emitWarning(message, 'AmpCodecKeyWarning'));
  const key = env.AMP_CODEC_KEY?.trim();
  const file = env.AMP_CODEC_KEY_FILE?.trim();
  let raw: RawKeyEntry[];
  let source: string;
  if (key && file) {
    throw new KeyringError('AMP_CODEC_KEY and AMP_CODEC_KEY_FILE', ['are both set; set only one of them']);
  } else if (key) {
    source = 'AMP_CODEC_KEY';
    raw = [parseKeyLine(key, source)];
  } else if (file) {
    source = `AMP_CODEC_KEY_FILE=${file}`;
    raw = readKeyringFile(file, source, warn);
  } else if (opts.dataDir && existsSync(devKeyringPath(opts.dataDir))) {
    source = devKeyringPath(opts.dataDir);
    raw = readKeyringFile(source, source, warn);
  } else {
    throw new KeyringNotConfiguredError(opts.dataDir ? devKeyringPath(opts.dataDir) : undefined);
  }
  const redactor = opts.redactor === undefined ? defaultRedactor : opts.redactor;
  for (const entry of raw) redactor?.add(entry.key, `codec-key:${entry.id}`);
  return Keyring.fromRaw(raw, source);
}
