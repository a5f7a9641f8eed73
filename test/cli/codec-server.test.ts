import { join } from 'node:path';

import { afterEach, describe, expect, it } from '@jest/globals';
import { execa, type ResultPromise } from 'execa';

import { PROJECT_ROOT } from '../../src/paths.js';
import { freePort } from '../../src/temporal/dev-server.js';
import { testdir } from '../helpers/testdir.js';

// A failed assertion must not leave the server running for the rest of the suite.
let running: ResultPromise | undefined;
afterEach(async () => {
  if (running && running.exitCode === null) {
    running.kill('SIGTERM');
    await running;
  }
  running = undefined;
});

describe('amp-installer codec-server', () => {
  it('serves /encode and /decode with the token only, answers the UI origin, and stops on SIGTERM', async () => {
    const dataDir = testdir({ token: 'not-guessable-token-123\n' });
    const port = await freePort();
    const child = execa('node', [join(PROJECT_ROOT, 'bin/amp-installer.js'), 'codec-server', '--port', String(port), '--token-file', join(dataDir, 'token'), '--ui-origin', 'http://localhost:9999'], {
      env: { ...process.env, AMP_DATA_DIR: dataDir },
      reject: false,
    });
    running = child;
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    for (const until = Date.now() + 30_000; !out.includes('Codec server at') && Date.now() < until; ) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain('Codec server at');
    expect(out).not.toContain('not-guessable-token-123');
    const base = `http://127.0.0.1:${port}`;
    const payload = { payloads: [{ metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('"hello"').toString('base64') }] };
    const post = (path: string, body: unknown, auth = true) =>
      fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(auth ? { authorization: 'Bearer not-guessable-token-123' } : {}) }, body: JSON.stringify(body) });
    expect((await post('/encode', payload, false)).status).toBe(401);
    const encoded = (await (await post('/encode', payload)).json()) as typeof payload;
    expect(Buffer.from(encoded.payloads[0].metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
    const decoded = (await (await post('/decode', encoded)).json()) as typeof payload;
    expect(Buffer.from(decoded.payloads[0].data, 'base64').toString()).toBe('"hello"');
    const preflight = await fetch(`${base}/decode`, { method: 'OPTIONS', headers: { origin: 'http://localhost:9999', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:9999');
    child.kill('SIGTERM');
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(out).toContain('Codec server stopped.');
  });
});
