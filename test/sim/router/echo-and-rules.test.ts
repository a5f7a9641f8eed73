import { createHash } from 'node:crypto';

import { describe, expect, it } from '@jest/globals';

import { ruleMatches } from '../../../src/sim/router/apicast/mapping-rules.js';
import { echoResponse } from '../../../src/sim/router/echo-api.js';

const rule = (http_method: string, pattern: string) => ({ http_method, pattern, metric_system_name: 'hits', delta: 1 });

describe('Echo API', () => {
  it('echoes a POST body with its base64 SHA-1 and length, and leaves Content-Type/Length out of the Rack headers', () => {
    const body = Buffer.from('{"a":1}');
    const res = echoResponse({ method: 'POST', path: '/things', query: 'a=1&b=2', headers: { 'content-type': 'application/json', 'content-length': '7', 'x-custom': 'v' }, body });
    const echo = JSON.parse(String(res.body));
    expect(echo).toMatchObject({ method: 'POST', path: '/things', args: 'a=1&b=2', body: '{"a":1}', bodyLength: 7 });
    expect(echo.bodySha1).toBe(createHash('sha1').update(body).digest('base64'));
    expect(echo.headers).toEqual({ HTTP_X_CUSTOM: 'v', HTTP_VERSION: 'HTTP/1.1' });
  });

  it('answers XML when the client accepts only XML, JSON otherwise', () => {
    const xml = echoResponse({ method: 'GET', path: '/', query: 'k=v', headers: { accept: 'application/xml' }, body: Buffer.alloc(0) });
    expect(xml.headers['content-type']).toBe('application/xml;charset=utf-8');
    expect(String(xml.body)).toContain('<echoResponse><method>GET</method><path>/</path>');
    expect(String(xml.body)).toContain('<args><arg><key>k</key><value>v</value></arg></args>');
    const json = echoResponse({ method: 'GET', path: '/', query: '', headers: { accept: 'application/xml, application/json' }, body: Buffer.alloc(0) });
    expect(json.headers['content-type']).toBe('application/json');
  });

  it('answers GET /status/<code> with that status', () => {
    expect(echoResponse({ method: 'GET', path: '/status/418', query: '', headers: {}, body: Buffer.alloc(0) }).status).toBe(418);
  });
});

describe('APIcast mapping rules', () => {
  it('match by prefix, exactly with a trailing $, one segment per {placeholder}, and by method', () => {
    const q = new URLSearchParams();
    expect(ruleMatches(rule('GET', '/'), 'GET', '/anything/at/all', q)).toBe(true);
    expect(ruleMatches(rule('GET', '/'), 'POST', '/', q)).toBe(false);
    expect(ruleMatches(rule('GET', '/v1$'), 'GET', '/v1/x', q)).toBe(false);
    expect(ruleMatches(rule('GET', '/v1$'), 'GET', '/v1', q)).toBe(true);
    expect(ruleMatches(rule('GET', '/users/{id}/pets'), 'GET', '/users/42/pets', q)).toBe(true);
    expect(ruleMatches(rule('GET', '/users/{id}/pets'), 'GET', '/users/4/2/pets', q)).toBe(false);
  });

  it('require the query parameters a pattern names', () => {
    const r = rule('GET', '/search?type={t}&lang=en');
    expect(ruleMatches(r, 'GET', '/search', new URLSearchParams('type=a&lang=en'))).toBe(true);
    expect(ruleMatches(r, 'GET', '/search', new URLSearchParams('type=a&lang=fr'))).toBe(false);
    expect(ruleMatches(r, 'GET', '/search', new URLSearchParams('lang=en'))).toBe(false);
  });
});
