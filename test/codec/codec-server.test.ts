import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { defaultPayloadConverter } from '@temporalio/common';
import { JSONToPayload, payloadToJSON } from '@temporalio/common/lib/proto-utils.js';

import { AesGcmCodec, generateCodecToken, startCodecServer, type CodecServer } from '../../src/codec/index.js';
import { Redactor } from '../../src/redaction/index.js';
import { freshKeys, keyringOf, text } from './helpers.js';

const UI_ORIGIN = 'http://localhost:8233';
const keyring = keyringOf(freshKeys('server-key'));
const token = generateCodecToken();
const SECRET = { registryPassword: 'reg-pa55word' };
let server: CodecServer;

beforeAll(async () => {
  server = await startCodecServer({ keyring, token, port: 0, redactor: null, maxBodyBytes: 64 * 1024 });
});
afterAll(() => server.close());

const bearer = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const bodyOf = (...values: unknown[]): string =>
  JSON.stringify({ payloads: values.map((v) => payloadToJSON(defaultPayloadConverter.toPayload(v))) });

async function post(path: string, body: string, headers: Record<string, string> = bearer): Promise<Response> {
  return fetch(`${server.url}${path}`, { method: 'POST', headers, body });
}

describe('codec server', () => {
  it('binds to loopback on a free port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers 401 without the token or with a wrong one', async () => {
    expect((await post('/decode', bodyOf('x'), { 'content-type': 'application/json' })).status).toBe(401);
    expect((await post('/decode', bodyOf('x'), { authorization: 'Bearer nope', 'content-type': 'application/json' })).status).toBe(401);
    expect((await post('/not-the-token/decode', bodyOf('x'), { 'content-type': 'application/json' })).status).toBe(401);
    expect((await post('/%E0%A4%A/decode', bodyOf('x'), { 'content-type': 'application/json' })).status).toBe(401);
  });

  it('round-trips encode then decode over HTTP with the bearer token', async () => {
    const encodedRes = await post('/encode', bodyOf(SECRET, 'two'));
    expect(encodedRes.status).toBe(200);
    const encoded = (await encodedRes.json()) as { payloads: { metadata: Record<string, string>; data: string }[] };
    expect(encoded.payloads).toHaveLength(2);
    for (const p of encoded.payloads) expect(Buffer.from(p.data, 'base64').toString('latin1')).not.toContain(SECRET.registryPassword);
    expect(text(Buffer.from(encoded.payloads[0].metadata.encoding, 'base64'))).toBe('binary/encrypted');

    const decodedRes = await post('/default/decode', JSON.stringify(encoded));
    expect(decodedRes.status).toBe(200);
    const decoded = (await decodedRes.json()) as { payloads: Parameters<typeof JSONToPayload>[0][] };
    expect(decoded.payloads.map((p) => defaultPayloadConverter.fromPayload(JSONToPayload(p)))).toEqual([SECRET, 'two']);
  });

  it('accepts the token as the first path segment, for the Web UI which sends no header', async () => {
    const [encrypted] = await new AesGcmCodec(keyring).encode([defaultPayloadConverter.toPayload(SECRET)]);
    const res = await post(`/${token}/default/decode`, JSON.stringify({ payloads: [payloadToJSON(encrypted)] }), {
      'content-type': 'application/json',
      'x-namespace': 'default',
    });
    expect(res.status).toBe(200);
    const { payloads } = (await res.json()) as { payloads: Parameters<typeof JSONToPayload>[0][] };
    expect(defaultPayloadConverter.fromPayload(JSONToPayload(payloads[0]))).toEqual(SECRET);
    expect(server.uiCodecEndpoint).toBe(`${server.url}/${token}`);
  });

  it('answers the CORS preflight for the UI origin and not for others', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/${token}/decode`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' },
      });
    const ok = await preflight(UI_ORIGIN);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    expect(ok.headers.get('access-control-allow-headers')).toBe('content-type, x-namespace, authorization');
    expect(ok.headers.get('access-control-allow-methods')).toContain('POST');

    const evil = await preflight('http://evil.example');
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('puts the CORS header on real responses for the UI origin only', async () => {
    const fromUi = await post('/decode', bodyOf('x'), { ...bearer, origin: UI_ORIGIN });
    expect(fromUi.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    const fromElsewhere = await post('/decode', bodyOf('x'), { ...bearer, origin: 'http://evil.example' });
    expect(fromElsewhere.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers 400 with a message on bad JSON or a wrong shape, 404 elsewhere, 413 when too large', async () => {
    const bad = await post('/decode', '{"payloads": [');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'request body is not valid JSON' });

    const shape = await post('/decode', JSON.stringify({ payloads: 'nope' }));
    expect(shape.status).toBe(400);
    expect(((await shape.json()) as { error: string }).error).toMatch(/^request body: payloads: /);

    expect((await post('/metrics', bodyOf('x'))).status).toBe(404);
    expect((await post('/encode', 'x'.repeat(65 * 1024))).status).toBe(413);
  });

  it('answers 422 naming the key id when a payload was encrypted with a key it lacks', async () => {
    const [other] = await new AesGcmCodec(keyringOf(freshKeys('retired-key'))).encode([defaultPayloadConverter.toPayload('x')]);
    const res = await post('/decode', JSON.stringify({ payloads: [payloadToJSON(other)] }));
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: string }).error).toContain('payload is encrypted with key "retired-key"');
  });

  it('registers its token with the redactor it is given', async () => {
    const redactor = new Redactor();
    const own = generateCodecToken();
    const s = await startCodecServer({ keyring, token: own, redactor });
    try {
      expect(redactor.redact(s.uiCodecEndpoint)).toBe(`${s.url}/[redacted:codec-token]`);
    } finally {
      await s.close();
    }
  });
});
