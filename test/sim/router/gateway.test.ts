import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import type { Harness } from './helpers/router-harness.js';
import { basic, form, startHarness } from './helpers/router-harness.js';
import type { SmokeIds } from './helpers/smoke-flow.js';
import { runSmokeFlow } from './helpers/smoke-flow.js';
import { createEdgeRoute, installTemplate } from './helpers/template-cluster.js';

const DOMAIN = '127.20.30.40.nip.io';
const TOKEN = 'gatewaytoken0001';
const TEXT = 'text/plain; charset=us-ascii';

describe('simulated APIcast 3.4 gateways and Echo API', () => {
  let h: Harness;
  let admin: string;
  let ids: SmokeIds;
  let secretToken: string;

  const adminCall = (path: string, method = 'GET', fields?: Record<string, string | number>) => {
    const f = fields ? form(fields) : undefined;
    return h.call({ host: admin, path, method, body: f?.body, headers: { ...basic(TOKEN), ...f?.headers } });
  };

  beforeAll(async () => {
    h = await startHarness();
    const install = installTemplate(h.state, '3scale', { WILDCARD_DOMAIN: DOMAIN, ADMIN_ACCESS_TOKEN: TOKEN, MASTER_ACCESS_TOKEN: 'mmmmmmmm' });
    admin = install.host('system-provider-admin');
    ids = await runSmokeFlow(h, admin, TOKEN);
    createEdgeRoute(h.state, '3scale', 'echo-api-staging', 'apicast-staging', ids.sandboxHost);
    secretToken = JSON.parse((await adminCall(`/admin/api/services/${ids.serviceId}/proxy.json`)).body).proxy.secret_token;
  });
  afterAll(async () => h.close());

  it('answers 403 "Authentication parameters missing" without a user_key', async () => {
    const res = await h.call({ host: ids.sandboxHost, path: '/echo' });
    expect([res.status, res.body, res.headers['content-type']]).toEqual([403, 'Authentication parameters missing', TEXT]);
  });

  it('answers 403 "Authentication failed" for a wrong user_key', async () => {
    const res = await h.call({ scheme: 'https', host: ids.sandboxHost, path: '/echo?user_key=wrong' });
    expect([res.status, res.body, res.headers['content-type']]).toEqual([403, 'Authentication failed', TEXT]);
  });

  it('proxies a good key to the Echo API, which echoes method, path, raw args and the proxy secret token', async () => {
    const res = await h.call({ scheme: 'https', host: ids.sandboxHost, path: `/echo?user_key=${ids.userKey}&x=1`, headers: { 'user-agent': 'smoke/1.0' } });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    const echo = JSON.parse(res.body);
    expect(echo).toMatchObject({ method: 'GET', path: '/echo', args: `user_key=${ids.userKey}&x=1`, body: '' });
    expect(echo.headers).toMatchObject({ HTTP_HOST: 'echo-api.3scale.net', HTTP_USER_AGENT: 'smoke/1.0', HTTP_X_3SCALE_PROXY_SECRET_TOKEN: secretToken });
    expect(echo.uuid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 404 "No Mapping Rule matched" when no rule matches the method and path', async () => {
    const res = await h.call({ host: ids.sandboxHost, method: 'POST', path: `/echo?user_key=${ids.userKey}` });
    expect([res.status, res.body, res.headers['content-type']]).toEqual([404, 'No Mapping Rule matched', TEXT]);
  });

  it('answers 404 with an empty body for a Host no service has', async () => {
    createEdgeRoute(h.state, '3scale', 'stray', 'apicast-staging', `stray.${DOMAIN}`);
    const res = await h.call({ host: `stray.${DOMAIN}`, path: `/?user_key=${ids.userKey}` });
    expect([res.status, res.body]).toEqual([404, '']);
  });

  it('refuses to re-promote a version production already has (2.4 is not idempotent here)', async () => {
    const path = `/admin/api/services/${ids.serviceId}/proxy/configs/sandbox/${ids.sandboxVersion}/promote.json?to=production`;
    const first = await adminCall(path, 'POST');
    expect(first.status).toBe(201);
    expect(JSON.parse(first.body).proxy_config).toMatchObject({ version: ids.sandboxVersion, environment: 'production' });
    const again = await adminCall(path, 'POST');
    expect(again.status).toBe(422);
    expect(JSON.parse(again.body)).toEqual({ errors: { version: ['has already been taken'] } });
  });

  it('serves production from its 300 s boot cache measured in simulated time', async () => {
    const host = `echo-api-3scale-apicast-production.${DOMAIN}`;
    createEdgeRoute(h.state, '3scale', 'echo-api-production', 'apicast-production', host);
    const call = () => h.call({ host, path: `/echo?user_key=${ids.userKey}` });
    expect((await call()).status).toBe(200); // boots now with the promoted version
    await adminCall(`/admin/api/services/${ids.serviceId}/proxy.json`, 'PATCH', { error_auth_missing: 'Key please' });
    const latest = JSON.parse((await adminCall(`/admin/api/services/${ids.serviceId}/proxy/configs/sandbox/latest.json`)).body).proxy_config.version;
    expect(latest).toBe(ids.sandboxVersion + 1);
    expect((await adminCall(`/admin/api/services/${ids.serviceId}/proxy/configs/sandbox/${latest}/promote.json?to=production`, 'POST')).status).toBe(201);
    const noKey = async () => (await h.call({ host, path: '/echo' })).body;
    expect(await noKey()).toBe('Authentication parameters missing');
    h.state.nowMs! += 299_000;
    expect(await noKey()).toBe('Authentication parameters missing');
    h.state.nowMs! += 1_000;
    expect(await noKey()).toBe('Key please');
    // Staging has no cache: it served the new text at once.
    expect((await h.call({ host: ids.sandboxHost, path: '/echo' })).body).toBe('Key please');
  });

  it('answers an armed gateway fault instead of serving, as many times as armed', async () => {
    h.state.faults = { [ids.sandboxHost]: { status: 503, body: 'upstream connect error', count: 2 } };
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await h.call({ host: ids.sandboxHost, path: `/echo?user_key=${ids.userKey}` })).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('proxies for real to a backend on loopback, with the secret token, and reads the key from a header when told to', async () => {
    const seen: Array<{ url: string; token: unknown; key: unknown }> = [];
    const backend = createServer((req, res) => {
      seen.push({ url: req.url ?? '', token: req.headers['x-3scale-proxy-secret-token'], key: req.headers.user_key });
      res.writeHead(201, { 'content-type': 'text/plain', 'x-backend': 'mine' });
      res.end('from my backend');
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    const port = (backend.address() as AddressInfo).port;
    try {
      const patched = await adminCall(`/admin/api/services/${ids.serviceId}/proxy.json`, 'PATCH', { api_backend: `http://127.0.0.1:${port}`, credentials_location: 'headers' });
      expect(patched.status).toBe(200);
      const res = await h.call({ host: ids.sandboxHost, path: '/echo/deeper?q=1', headers: { user_key: ids.userKey } });
      expect([res.status, res.body, res.headers['x-backend']]).toEqual([201, 'from my backend', 'mine']);
      expect(seen).toEqual([{ url: '/echo/deeper?q=1', token: secretToken, key: ids.userKey }]);
      const queryKey = await h.call({ host: ids.sandboxHost, path: `/echo?user_key=${ids.userKey}` });
      expect([queryKey.status, queryKey.body]).toEqual([403, 'Key please']);
    } finally {
      await new Promise<void>((resolve) => backend.close(() => resolve()));
    }
  });
});
