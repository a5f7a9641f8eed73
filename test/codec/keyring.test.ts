import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';

import {
  addKeyToKeyring,
  devKeyringPath,
  ensureDevKeyring,
  formatKeyLine,
  formatKeyringFile,
  generateKey,
  KeyringError,
  KeyringNotConfiguredError,
  loadKeyring,
  removeKeyFromKeyring,
} from '../../src/codec/index.js';
import { Redactor } from '../../src/redaction/index.js';
import { freshKeys } from './helpers.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'amp-keyring-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const quiet = { redactor: null, onWarning: () => undefined };
const mode = (file: string): number => statSync(file).mode & 0o777;

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a throw');
}

describe('loadKeyring from AMP_CODEC_KEY', () => {
  it('reads <id>:<base64> and a bare base64 key (id "default")', () => {
    const [k] = freshKeys('k-2026-11');
    expect(loadKeyring({ AMP_CODEC_KEY: formatKeyLine(k) }, quiet).ids).toEqual(['k-2026-11']);
    const bare = loadKeyring({ AMP_CODEC_KEY: k.key }, quiet);
    expect(bare.ids).toEqual(['default']);
    expect(bare.activeId).toBe('default');
    expect(bare.source).toBe('AMP_CODEC_KEY');
  });

  it('reports a short key with its variable and id but never the material', () => {
    const short = Buffer.alloc(16, 7).toString('base64');
    const err = thrown(() => loadKeyring({ AMP_CODEC_KEY: `k1:${short}` }, quiet));
    expect(err).toBeInstanceOf(KeyringError);
    expect(err.message).toBe('AMP_CODEC_KEY: key "k1" must be base64 of 32 bytes (AES-256), got 16 bytes');
    expect(err.message).not.toContain(short);
  });

  it('does not echo a malformed id, which may be misplaced key material', () => {
    const err = thrown(() => loadKeyring({ AMP_CODEC_KEY: 'not base64 at all!:abc' }, quiet));
    expect(err.message).toMatch(/^AMP_CODEC_KEY: the key id before ":" must be/);
    expect(err.message).not.toContain('not base64 at all');
  });

  it('refuses AMP_CODEC_KEY and AMP_CODEC_KEY_FILE together', () => {
    const [k] = freshKeys('k1');
    expect(() => loadKeyring({ AMP_CODEC_KEY: formatKeyLine(k), AMP_CODEC_KEY_FILE: '/x' }, quiet)).toThrow(/set only one/);
  });

  it('fails with a how-to when nothing is configured', () => {
    const err = thrown(() => loadKeyring({}, { ...quiet, dataDir: dir }));
    expect(err).toBeInstanceOf(KeyringNotConfiguredError);
    expect(err.message).toContain('AMP_CODEC_KEY');
    expect(err.message).toContain(devKeyringPath(dir));
  });

  it('teaches the redactor the key material', () => {
    const [k] = freshKeys('k1');
    const redactor = new Redactor();
    loadKeyring({ AMP_CODEC_KEY: formatKeyLine(k) }, { redactor });
    expect(redactor.redact(`key is ${k.key}`)).toBe('key is [redacted:codec-key:k1]');
  });
});

describe('loadKeyring from AMP_CODEC_KEY_FILE', () => {
  it('reads a one-line key file', () => {
    const [k] = freshKeys('solo');
    const file = join(dir, 'key');
    writeFileSync(file, `${formatKeyLine(k)}\n`, { mode: 0o600 });
    expect(loadKeyring({ AMP_CODEC_KEY_FILE: file }, quiet).ids).toEqual(['solo']);
  });

  it('reads a YAML keyring and encrypts with the last key when none is dated', () => {
    const keys = freshKeys('a', 'b', 'c').map(({ id, key }) => ({ id, key }));
    const file = join(dir, 'keyring.yaml');
    writeFileSync(file, formatKeyringFile(keys), { mode: 0o600 });
    const keyring = loadKeyring({ AMP_CODEC_KEY_FILE: file }, quiet);
    expect(keyring.ids).toEqual(['a', 'b', 'c']);
    expect(keyring.activeId).toBe('c');
  });

  it('reads a JSON keyring and encrypts with the latest created key wherever it is listed', () => {
    const [older, newer] = freshKeys('older', 'newer');
    const file = join(dir, 'keyring.json');
    writeFileSync(file, JSON.stringify({ keys: [newer, older] }), { mode: 0o600 });
    expect(loadKeyring({ AMP_CODEC_KEY_FILE: file }, quiet).activeId).toBe('newer');
  });

  it('lists every bad entry with its location and id, never the material', () => {
    const [good] = freshKeys('good');
    const bad = Buffer.alloc(24, 1).toString('base64');
    const file = join(dir, 'keyring.yaml');
    writeFileSync(
      file,
      `keys:\n  - id: good\n    key: ${good.key}\n  - id: k2\n    key: ${bad}\n  - id: "bad id"\n    key: ${good.key}\n    created: yesterday\n`,
      { mode: 0o600 },
    );
    const err = thrown(() => loadKeyring({ AMP_CODEC_KEY_FILE: file }, quiet)) as KeyringError;
    expect(err.source).toBe(`AMP_CODEC_KEY_FILE=${file}`);
    expect(err.problems).toEqual([
      'keys[1] (id "k2").key: must be base64 of 32 bytes (AES-256), got 24 bytes',
      expect.stringMatching(/^keys\[2\]\.id: must be 1-64 letters/),
      'keys[2].created: is not a date (use ISO 8601)',
    ]);
    expect(err.message).not.toContain(bad);
    expect(err.message).not.toContain(good.key);
  });

  it('reports duplicate ids, a missing file and broken YAML without quoting the file', () => {
    const [k] = freshKeys('dup');
    const dupFile = join(dir, 'dup.yaml');
    writeFileSync(dupFile, formatKeyringFile([k, k]));
    expect(() => loadKeyring({ AMP_CODEC_KEY_FILE: dupFile }, quiet)).toThrow('keys: id "dup" appears more than once');
    expect(() => loadKeyring({ AMP_CODEC_KEY_FILE: join(dir, 'missing') }, quiet)).toThrow(/missing: file not found$/);
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, `keys:\n  - id: x\n    key: "${k.key}\n  - [\n`);
    const err = thrown(() => loadKeyring({ AMP_CODEC_KEY_FILE: broken }, quiet));
    expect(err.message).toMatch(/is not valid YAML\/JSON \(line \d+, column \d+\)/);
    expect(err.message).not.toContain(k.key);
  });

  it('warns when the keyring file is readable by others', () => {
    const [k] = freshKeys('k1');
    const file = join(dir, 'key');
    writeFileSync(file, formatKeyLine(k));
    chmodSync(file, 0o644);
    const warnings: string[] = [];
    loadKeyring({ AMP_CODEC_KEY_FILE: file }, { redactor: null, onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([expect.stringContaining('readable by other users (mode 644)')]);
  });
});

describe('Keyring', () => {
  it('never shows key material when printed or serialised', () => {
    const [k] = freshKeys('k1');
    const keyring = loadKeyring({ AMP_CODEC_KEY: formatKeyLine(k) }, quiet);
    expect(JSON.stringify(keyring)).toBe(JSON.stringify({ source: 'AMP_CODEC_KEY', ids: ['k1'], activeId: 'k1' }));
    expect(inspect(keyring, { showHidden: true, depth: 5 })).not.toContain(k.key);
  });
});

describe('ensureDevKeyring', () => {
  it('creates a 0600 keyring with one fresh key once, then reuses it', () => {
    const data = join(dir, 'data');
    const first = ensureDevKeyring(data, { env: {}, ...quiet });
    expect(first.created).toBe(true);
    expect(first.file).toBe(devKeyringPath(data));
    expect(mode(devKeyringPath(data))).toBe(0o600);
    expect(first.keyring.ids).toHaveLength(1);

    const second = ensureDevKeyring(data, { env: {}, ...quiet });
    expect(second.created).toBe(false);
    expect(second.keyring.ids).toEqual(first.keyring.ids);
    // Other commands find the dev keyring through the data dir.
    expect(loadKeyring({}, { ...quiet, dataDir: data }).ids).toEqual(first.keyring.ids);
  });

  it('tightens a keyring file that others can read, and says so', () => {
    ensureDevKeyring(dir, { env: {}, ...quiet });
    chmodSync(devKeyringPath(dir), 0o644);
    const warnings: string[] = [];
    const again = ensureDevKeyring(dir, { env: {}, redactor: null, onWarning: (w) => warnings.push(w) });
    expect(again.permissionsFixed).toBe(true);
    expect(mode(devKeyringPath(dir))).toBe(0o600);
    expect(warnings).toEqual([expect.stringContaining('changed it to 600')]);
  });

  it('uses the configured key instead of creating a file when AMP_CODEC_KEY is set', () => {
    const [k] = freshKeys('configured');
    const res = ensureDevKeyring(dir, { env: { AMP_CODEC_KEY: formatKeyLine(k) }, ...quiet });
    expect(res.keyring.ids).toEqual(['configured']);
    expect(res.file).toBeUndefined();
    expect(() => statSync(devKeyringPath(dir))).toThrow();
  });
});

describe('key rotation helpers', () => {
  it('generateKey makes distinct 32-byte keys with a dated default id', () => {
    const now = new Date('2026-11-05T10:00:00Z');
    const a = generateKey(undefined, now);
    const b = generateKey(undefined, now);
    expect(a.id).toMatch(/^k-20261105-[0-9a-f]{6}$/);
    expect(a.id).not.toBe(b.id);
    expect(Buffer.from(a.key, 'base64')).toHaveLength(32);
    expect(a.key).not.toBe(b.key);
  });

  it('addKeyToKeyring turns a one-line key file into a keyring whose new key encrypts', async () => {
    const [k] = freshKeys('first');
    const file = join(dir, 'keyring.yaml');
    writeFileSync(file, formatKeyLine(k), { mode: 0o600 });
    const change = await addKeyToKeyring(file, { id: 'second' });
    expect(change).toEqual({ file, ids: ['first', 'second'], activeId: 'second', added: 'second' });
    expect(mode(file)).toBe(0o600);
    const keyring = loadKeyring({ AMP_CODEC_KEY_FILE: file }, quiet);
    expect(keyring.activeId).toBe('second');
    expect(readFileSync(file, 'utf8')).toContain(k.key);
  });

  it('addKeyToKeyring can stage a key that decrypts at once but encrypts only from its date', async () => {
    const file = join(dir, 'keyring.yaml');
    await addKeyToKeyring(file, { id: 'current' });
    const activateAt = new Date(Date.now() + 3_600_000);
    const change = await addKeyToKeyring(file, { id: 'staged', activateAt });
    expect(change.activeId).toBe('current');
    const keyring = loadKeyring({ AMP_CODEC_KEY_FILE: file }, quiet);
    expect(keyring.has('staged')).toBe(true);
    expect(keyring.activeIdAt(activateAt.getTime() - 1)).toBe('current');
    expect(keyring.activeIdAt(activateAt.getTime())).toBe('staged');
  });

  it('refuses a keyring whose every key is dated in the future', () => {
    const [k] = freshKeys('later');
    const file = join(dir, 'keyring.yaml');
    writeFileSync(file, formatKeyringFile([{ ...k, created: new Date(Date.now() + 86_400_000).toISOString() }]));
    expect(() => loadKeyring({ AMP_CODEC_KEY_FILE: file }, quiet)).toThrow('every key has a `created` date in the future');
  });

  it('removeKeyFromKeyring retires an old key but refuses the encrypting one', async () => {
    const file = join(dir, 'keyring.yaml');
    await addKeyToKeyring(file, { id: 'old', activateAt: new Date(Date.now() - 60_000) });
    await addKeyToKeyring(file, { id: 'new' });
    await expect(removeKeyFromKeyring(file, 'new')).rejects.toThrow('"new" is the encrypting (newest) key');
    await expect(removeKeyFromKeyring(file, 'old')).resolves.toEqual({ file, ids: ['new'], activeId: 'new' });
    await expect(removeKeyFromKeyring(file, 'gone')).rejects.toThrow('no key with id "gone"');
  });
});
