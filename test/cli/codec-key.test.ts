import { chmodSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from '@jest/globals';

import { formatKeyLine, generateKey, loadKeyring, parseKeyringText } from '../../src/codec/index.js';
import { runCli } from '../helpers/cli.js';
import { testdir } from '../helpers/testdir.js';

/** Every key material string in a keyring file. */
function materials(file: string): string[] {
  return parseKeyringText(readFileSync(file, 'utf8'), file).map((e) => e.key);
}

function expectNoMaterial(file: string, ...outputs: string[]): void {
  const all = outputs.join('\n');
  for (const key of materials(file)) expect(all).not.toContain(key);
}

function activeIdOf(file: string): string {
  return loadKeyring({ AMP_CODEC_KEY_FILE: file }, { redactor: null, onWarning: () => undefined }).activeId;
}

describe('amp-installer codec-key generate', () => {
  it('prints one fresh key line that AMP_CODEC_KEY accepts, with the requested id', async () => {
    const first = await runCli(['codec-key', 'generate', '--id', 'k-test-1']);
    const second = await runCli(['codec-key', 'generate', '--id', 'k-test-1']);
    expect(first.code).toBe(0);
    expect(first.stdout.split('\n')).toHaveLength(1);
    const keyring = loadKeyring({ AMP_CODEC_KEY: first.stdout }, { redactor: null });
    expect(keyring.ids).toEqual(['k-test-1']);
    expect(second.stdout).not.toBe(first.stdout);
  });

  it('gives a dated default id when none is asked for', async () => {
    const res = await runCli(['codec-key', 'generate']);
    const today = new Date().toISOString().slice(0, 10).replaceAll('-', '');
    expect(res.stdout).toMatch(new RegExp(`^k-${today}-[0-9a-f]{6}:`));
  });

  it('exits 2 on an invalid id without printing a key', async () => {
    const res = await runCli(['codec-key', 'generate', '--id', 'bad id!']);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('--id: must be 1-64 letters');
  });

  it('says in --help that it is the only command printing key material', async () => {
    const res = await runCli(['codec-key', 'generate', '--help']);
    expect(res.code).toBe(0);
    expect(res.stdout.replace(/\s+/g, ' ')).toContain('This is the ONLY command that prints key material');
  });
});

describe('amp-installer codec-key add, list and remove', () => {
  it('creates a 0600 keyring on the first add and lists its key as encrypting, without material', async () => {
    const file = join(testdir(), 'keys', 'keyring.yaml');
    const add = await runCli(['codec-key', 'add', '--file', file, '--id', 'k-one']);
    expect(add.code).toBe(0);
    expect(add.stdout).toContain(`Added key k-one to ${file}: it encrypts from now on.`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const list = await runCli(['codec-key', 'list', '--file', file]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^k-one\s+\d{4}-\d{2}-\d{2}T[\d:.]+Z\s+encrypting$/m);
    expectNoMaterial(file, add.stdout, add.stderr, list.stdout, list.stderr);
  });

  it('stages a key added with --activate-at in the future: it is listed as staged and the old key keeps encrypting', async () => {
    const file = join(testdir(), 'keyring.yaml');
    await runCli(['codec-key', 'add', '--file', file, '--id', 'k-old']);
    const add = await runCli(['codec-key', 'add', '--file', file, '--id', 'k-new', '--activate-at', '+24h']);
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/it decrypts now and encrypts from \d{4}-/);
    expect(add.stdout).toContain('encrypting now: k-old');
    expect(activeIdOf(file)).toBe('k-old');
    const list = await runCli(['codec-key', 'list', '--file', file, '--json']);
    const keys = JSON.parse(list.stdout) as { id: string; status: string; created: string }[];
    expect(keys.map((k) => [k.id, k.status])).toEqual([
      ['k-old', 'encrypting'],
      ['k-new', 'staged'],
    ]);
    const hours = (new Date(keys[1].created).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23);
    expect(hours).toBeLessThanOrEqual(24);
    expectNoMaterial(file, add.stdout, list.stdout);
  });

  it('activates a key added with a past ISO date at once', async () => {
    const file = join(testdir(), 'keyring.yaml');
    await runCli(['codec-key', 'add', '--file', file, '--id', 'k-a', '--activate-at', '2020-01-01T00:00:00Z']);
    await runCli(['codec-key', 'add', '--file', file, '--id', 'k-b', '--activate-at', '2021-06-01']);
    expect(activeIdOf(file)).toBe('k-b');
  });

  it('turns a one-line key file into a keyring that keeps the old key', async () => {
    const old = generateKey('k-line');
    const dir = testdir({ 'key.txt': `${formatKeyLine(old)}\n` });
    const file = join(dir, 'key.txt');
    const add = await runCli(['codec-key', 'add', '--file', file, '--id', 'k-next']);
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('k-line, k-next (encrypting now: k-next)');
    expect(materials(file)).toContain(old.key);
    expect(add.stdout).not.toContain(old.key);
  });

  it('removes a retired key and refuses the encrypting key with exit 2', async () => {
    const file = join(testdir(), 'keyring.yaml');
    await runCli(['codec-key', 'add', '--file', file, '--id', 'k-1', '--activate-at', '2020-01-01']);
    await runCli(['codec-key', 'add', '--file', file, '--id', 'k-2']);
    const refused = await runCli(['codec-key', 'remove', '--file', file, '--id', 'k-2']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('"k-2" is the encrypting (newest) key; add a newer key first');
    const removed = await runCli(['codec-key', 'remove', '--file', file, '--id', 'k-1']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain(`Removed key k-1 from ${file}.`);
    expect(materials(file)).toHaveLength(1);
    expect(activeIdOf(file)).toBe('k-2');
    expectNoMaterial(file, refused.stderr, removed.stdout);
  });

  it('exits 2 for an unknown id, a missing file, a bad date and a malformed keyring', async () => {
    const dir = testdir({ 'bad.yaml': 'keys:\n  - id: k1\n    key: not-base64!!\n' });
    const file = join(dir, 'keyring.yaml');
    await runCli(['codec-key', 'add', '--file', file, '--id', 'k-only']);
    const unknown = await runCli(['codec-key', 'remove', '--file', file, '--id', 'k-none']);
    expect([unknown.code, unknown.stderr.trim()]).toEqual([2, `${file}: keys: no key with id "k-none"`]);
    const missing = await runCli(['codec-key', 'list', '--file', join(dir, 'absent.yaml')]);
    expect([missing.code, missing.stderr.trim()]).toEqual([2, `${join(dir, 'absent.yaml')}: file not found`]);
    const date = await runCli(['codec-key', 'add', '--file', file, '--activate-at', 'tomorrow']);
    expect(date.code).toBe(2);
    expect(date.stderr).toContain('--activate-at tomorrow: not a date');
    const malformed = await runCli(['codec-key', 'list', '--file', join(dir, 'bad.yaml')]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('keys[0] (id "k1").key: is not base64');
    expect(malformed.stderr).not.toContain('not-base64!!');
  });

  it('warns on stderr when the keyring file is readable by others', async () => {
    const file = join(testdir(), 'keyring.yaml');
    await runCli(['codec-key', 'add', '--file', file, '--id', 'k-open']);
    chmodSync(file, 0o644);
    const list = await runCli(['codec-key', 'list', '--file', file]);
    expect(list.code).toBe(0);
    expect(list.stderr).toContain('readable by other users (mode 644)');
  });

  it('requires --file and documents every subcommand in --help', async () => {
    const missing = await runCli(['codec-key', 'list']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--file <keyring>' not specified");
    for (const sub of ['add', 'remove', 'list']) {
      const help = await runCli(['codec-key', sub, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('--file <keyring>');
      expect(help.stdout).toContain('Exit codes:');
    }
  });
});
