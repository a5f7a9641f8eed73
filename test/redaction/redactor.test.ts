import { describe, expect, it } from '@jest/globals';

import { createRedactor, defaultRedactor, Redactor } from '../../src/redaction/index.js';

const PASSWORD = 'S3cr3t pass/word+"quoted"&more';

describe('Redactor with known values', () => {
  it('replaces a registered value with its label wherever it appears', () => {
    const r = new Redactor().add(PASSWORD, 'admin-password');
    expect(r.redact(`login as admin with ${PASSWORD} now`)).toBe('login as admin with [redacted:admin-password] now');
  });

  it.each([
    ['base64', (v: string) => Buffer.from(v).toString('base64')],
    ['unpadded base64', (v: string) => Buffer.from(v).toString('base64').replace(/=+$/, '')],
    ['base64url', (v: string) => Buffer.from(v).toString('base64url')],
    ['URL-encoded', (v: string) => encodeURIComponent(v)],
    ['form-encoded', (v: string) => new URLSearchParams({ x: v }).toString().slice(2)],
    ['JSON-escaped', (v: string) => JSON.stringify(v).slice(1, -1)],
  ])('also replaces the %s form of a registered value', (_name, encode) => {
    const r = new Redactor().add(PASSWORD, 'admin-password');
    const out = r.redact(`payload=${encode(PASSWORD)};`);
    expect(out).not.toContain(encode(PASSWORD));
    expect(out).toContain('[redacted:admin-password]');
  });

  it('finds a value inside a JSON document and inside a shell-quoted command line', () => {
    const r = new Redactor().add("it's-a-secret", 'token');
    expect(r.redact(JSON.stringify({ note: `value it's-a-secret` }))).toBe('{"note":"value [redacted:token]"}');
    expect(r.redact(`echo 'it'\\''s-a-secret'`)).toBe(`echo '[redacted:token]'`);
  });

  it('ignores values shorter than four characters', () => {
    const r = new Redactor().add('abc', 'short').add('', 'empty').add(undefined, 'missing');
    expect(r.size).toBe(0);
    expect(r.redact('abc is fine')).toBe('abc is fine');
  });

  it('replaces the longest known value first so a value containing another is not half-replaced', () => {
    const r = new Redactor().add('token', 'short').add('token-with-suffix', 'long');
    expect(r.redact('a token-with-suffix and a token')).toBe('a [redacted:long] and a [redacted:short]');
  });

  it('picks up values added after earlier redact calls', () => {
    const r = new Redactor().add('first-secret', 'one');
    expect(r.redact('first-secret second-secret')).toBe('[redacted:one] second-secret');
    r.add('second-secret', 'two');
    expect(r.redact('first-secret second-secret')).toBe('[redacted:one] [redacted:two]');
  });

  it('treats regular-expression characters in values literally', () => {
    const r = new Redactor().add('a.b*c(d)[e]$', 'weird');
    expect(r.redact('xa.b*c(d)[e]$y aXbbc')).toBe('x[redacted:weird]y aXbbc');
  });
});

describe('scoped redactors', () => {
  it('apply their parent values, including ones added later, without adding their own to the parent', () => {
    const parent = new Redactor().add('global-secret', 'global');
    const child = parent.scope().add('install-secret', 'install');
    parent.add('late-global', 'late');
    expect(child.redact('global-secret install-secret late-global')).toBe(
      '[redacted:global] [redacted:install] [redacted:late]',
    );
    expect(parent.redact('install-secret')).toBe('install-secret');
  });

  it('createRedactor scopes under the process-wide default unless told otherwise', () => {
    const value = `default-${Math.random().toString(36).slice(2)}`;
    defaultRedactor.add(value, 'from-default');
    expect(createRedactor().redact(value)).toBe('[redacted:from-default]');
    expect(createRedactor(null).redact(value)).toBe(value);
  });
});

describe('Redactor.redactDeep', () => {
  it('redacts nested strings, secret-named keys and authorization headers in a copy', () => {
    const r = new Redactor().add('known-value-1', 'known');
    const meta = {
      step: 'create-secret',
      nested: { text: 'uses known-value-1', list: [{ deep: 'known-value-1' }] },
      ADMIN_PASSWORD: 'p4ssw0rd',
      userKey: 'abcdef',
      secretName: 'system-seed',
      headers: { Authorization: 'Bearer abc.def.ghi', accept: 'application/json' },
      attempts: 3,
    };
    const out = r.redactDeep(meta);
    expect(out).toEqual({
      step: 'create-secret',
      nested: { text: 'uses [redacted:known]', list: [{ deep: '[redacted:known]' }] },
      ADMIN_PASSWORD: '[redacted:ADMIN_PASSWORD]',
      userKey: '[redacted:userKey]',
      secretName: 'system-seed',
      headers: { Authorization: 'Bearer [redacted:authorization]', accept: 'application/json' },
      attempts: 3,
    });
    expect(meta.ADMIN_PASSWORD).toBe('p4ssw0rd');
  });

  it('treats a string array as argv: the value after a secret flag is redacted', () => {
    const r = new Redactor();
    expect(r.redactDeep(['oc', 'login', 'https://127.0.0.1:8443', '-u', 'developer', '-p', 'devpass'])).toEqual([
      'oc', 'login', 'https://127.0.0.1:8443', '-u', 'developer', '-p', '[redacted:password]',
    ]);
    expect(r.redactDeep(['oc', 'create', 'secret', 'docker-registry', 'r', '--docker-password', 'hunter22'])).toEqual([
      'oc', 'create', 'secret', 'docker-registry', 'r', '--docker-password', '[redacted:docker-password]',
    ]);
    expect(r.redactDeep(['oc', 'process', '-p', 'ADMIN_PASSWORD=admin123', '-p', 'WILDCARD_DOMAIN=example.com'])).toEqual([
      'oc', 'process', '-p', 'ADMIN_PASSWORD=[redacted:ADMIN_PASSWORD]', '-p', 'WILDCARD_DOMAIN=example.com',
    ]);
  });

  it('keeps errors as errors with redacted message, stack and cause', () => {
    const r = new Redactor().add('hunter22', 'registry-password');
    const err = new TypeError('login with hunter22 failed', { cause: new Error('hunter22 rejected') });
    const out = r.redactDeep({ err }).err as TypeError;
    expect(out).toBeInstanceOf(TypeError);
    expect(out.message).toBe('login with [redacted:registry-password] failed');
    expect(out.stack).not.toContain('hunter22');
    expect((out.cause as Error).message).toBe('[redacted:registry-password] rejected');
  });

  it('survives cycles and leaves non-plain objects alone', () => {
    const r = new Redactor().add('cyclic-secret', 'c');
    const when = new Date(0);
    const obj: Record<string, unknown> = { text: 'cyclic-secret', when };
    obj.self = obj;
    const out = r.redactDeep(obj) as Record<string, unknown>;
    expect(out.text).toBe('[redacted:c]');
    expect(out.self).toBe(out);
    expect(out.when).toBe(when);
  });
});
