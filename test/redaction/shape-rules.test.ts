import { describe, expect, it } from '@jest/globals';

import { isSecretName, Redactor } from '../../src/redaction/index.js';

// No value is registered here: everything below is recognised by its shape alone.
const redact = (text: string): string => new Redactor().redact(text);

describe('shape rules (no known value needed)', () => {
  it.each([
    ['--docker-password=hunter22 --docker-server=r.example.com', '--docker-password=[redacted:docker-password] --docker-server=r.example.com'],
    ['--docker-password hunter22', '--docker-password [redacted:docker-password]'],
    ["--password 'with space'", '--password [redacted:password]'],
    ['oc login --token=sha256~abc https://api', 'oc login --token=[redacted:token] https://api'],
  ])('redacts the value of a secret flag: %s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('redacts -p after oc login but not -p of oc process', () => {
    expect(redact('oc login https://192.168.42.10:8443 -u developer -p devpass --insecure-skip-tls-verify')).toBe(
      'oc login https://192.168.42.10:8443 -u developer -p [redacted:password] --insecure-skip-tls-verify',
    );
    expect(redact('/usr/bin/oc login -u system:admin -pS3cret')).toBe('/usr/bin/oc login -u system:admin -p[redacted:password]');
    expect(redact('oc process -p WILDCARD_DOMAIN=apps.example.com -p TENANT_NAME=t1')).toBe(
      'oc process -p WILDCARD_DOMAIN=apps.example.com -p TENANT_NAME=t1',
    );
  });

  it('redacts -p after oc login with global flags before login', () => {
    expect(redact('oc --config=/tmp/kc --insecure-skip-tls-verify login -u admin -p adm1n')).toBe(
      'oc --config=/tmp/kc --insecure-skip-tls-verify login -u admin -p [redacted:password]',
    );
  });

  it('redacts user_key= and access_token= in URLs and form bodies', () => {
    expect(redact('GET /echo?user_key=0123abcd&debug=1 HTTP/1.1')).toBe('GET /echo?user_key=[redacted:user_key]&debug=1 HTTP/1.1');
    expect(redact('POST body access_token=tok123456&name=api')).toBe('POST body access_token=[redacted:access_token]&name=api');
  });

  it('redacts Authorization headers with Basic and Bearer credentials', () => {
    expect(redact('Authorization: Basic dXNlcjpwYXNz')).toBe('Authorization: Basic [redacted:authorization]');
    expect(redact('{"authorization":"Bearer eyJhbGciOi.x.y"}')).toBe('{"authorization":"Bearer [redacted:authorization]"}');
  });

  it('redacts JSON values under secret-named keys, also inside escaped JSON', () => {
    expect(redact('{"ADMIN_PASSWORD":"adm1n","TENANT_NAME":"t1","MASTER_ACCESS_TOKEN":"tok-1"}')).toBe(
      '{"ADMIN_PASSWORD":"[redacted:ADMIN_PASSWORD]","TENANT_NAME":"t1","MASTER_ACCESS_TOKEN":"[redacted:MASTER_ACCESS_TOKEN]"}',
    );
    const nested = JSON.stringify({ body: JSON.stringify({ password: 'x"y' }) });
    expect(redact(nested)).toBe(JSON.stringify({ body: JSON.stringify({ password: '[redacted:password]' }) }));
  });

  it('redacts NAME=value assignments and YAML/header lines with secret names', () => {
    expect(redact('-p ADMIN_PASSWORD=adm1n -p MYSQL_USER=mysql')).toBe('-p ADMIN_PASSWORD=[redacted:ADMIN_PASSWORD] -p MYSQL_USER=mysql');
    expect(redact('oc create secret generic s --from-literal=password=pw123')).toBe(
      'oc create secret generic s --from-literal=password=[redacted:password]',
    );
    expect(redact('  password: c2VjcmV0\n  username: YWRtaW4=')).toBe('  password: [redacted:password]\n  username: YWRtaW4=');
    expect(redact('X-3scale-Proxy-Secret-Token: Shared_secret_sent')).toBe('X-3scale-Proxy-Secret-Token: [redacted:X-3scale-Proxy-Secret-Token]');
  });

  it('finds a secret assignment nested in harmless ones and an unterminated quoted value', () => {
    expect(redact('a=b=ADMIN_PASSWORD=x1y2')).toBe('a=b=ADMIN_PASSWORD=[redacted:ADMIN_PASSWORD]');
    expect(redact('MYSQL_PASSWORD="unterminated')).toBe('MYSQL_PASSWORD=[redacted:MYSQL_PASSWORD]');
  });

  it('stays linear on long hostile lines (no catastrophic backtracking, no deep recursion)', () => {
    const r = new Redactor();
    for (let i = 0; i < 200; i++) r.add(`known-secret-${i}-${'x'.repeat(i % 17)}`, `s${i}`);
    const hostile = ['a='.repeat(100_000), '"a":"'.repeat(40_000), 'oc login '.repeat(20_000), 'https://'.repeat(25_000),
      '\\"password\\":\\"'.repeat(15_000), 'password: '.repeat(20_000), 'oc process -p A=b {"ADMIN_PASSWORD":"x"} user_key=y&z=1 '.repeat(20_000)];
    const started = performance.now();
    for (const text of hostile) r.redact(text);
    // About 0.2 s here; a quadratic rule takes minutes on these inputs.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('redacts credentials in URL userinfo', () => {
    expect(redact('git clone https://user:pa55@git.example.com/x.git')).toBe('git clone https://[redacted:userinfo]@git.example.com/x.git');
    expect(redact('curl https://0123456789abcdef@master.example.com/admin')).toBe('curl https://[redacted:userinfo]@master.example.com/admin');
  });

  it('keeps a more specific known-value label instead of relabelling it by shape', () => {
    const r = new Redactor().add('devpass', 'developer-password');
    expect(r.redact('oc login -u developer -p devpass')).toBe('oc login -u developer -p [redacted:developer-password]');
  });

  it('leaves ordinary text untouched', () => {
    const text = 'Deployment system-app (hook-pre) ready: 3/3, secretName=system-seed, keyId=k1 https://api.example.com:8443/x';
    expect(redact(text)).toBe(text);
  });
});

describe('isSecretName', () => {
  it.each(['ADMIN_PASSWORD', 'MASTER_ACCESS_TOKEN', 'user_key', 'apiKey', 'SECRET_KEY_BASE', 'client-secret', '--docker-password'])(
    'treats %s as a secret name',
    (name) => expect(isSecretName(name)).toBe(true),
  );
  it.each(['secretName', 'TOKEN_FILE', 'AMP_CODEC_KEY_FILE', 'keyId', 'monkey', 'TENANT_NAME', 'encryption-key-id'])(
    'treats %s as an ordinary name',
    (name) => expect(isSecretName(name)).toBe(false),
  );
});
