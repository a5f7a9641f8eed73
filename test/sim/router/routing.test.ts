import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import type { Harness } from './helpers/router-harness.js';
import { basic, startHarness } from './helpers/router-harness.js';
import type { FakeInstall } from './helpers/template-cluster.js';
import { createEdgeRoute, installTemplate } from './helpers/template-cluster.js';

const DOMAIN = '127.3.4.5.nip.io';

describe('simulated OpenShift router', () => {
  let h: Harness;
  let install: FakeInstall;

  beforeAll(async () => {
    h = await startHarness();
    install = installTemplate(h.state, '3scale', { WILDCARD_DOMAIN: DOMAIN, ADMIN_ACCESS_TOKEN: 'admintoken0001', MASTER_ACCESS_TOKEN: 'mastertok' });
  });
  afterAll(async () => h.close());

  it('answers an unknown host with the router 503 "Application is not available" page', async () => {
    const res = await h.call({ host: `nothing-here.${DOMAIN}`, path: '/' });
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toBe('text/html');
    expect(res.headers['cache-control']).toBe('private, max-age=0, no-cache, no-store');
    expect(res.body).toContain('<h1>Application is not available</h1>');
    expect(res.body).toContain('The application is currently not serving requests at this endpoint.');
  });

  it('serves a template route by its Host header on HTTP and HTTPS (edge, insecure Allow), whatever the case or port', async () => {
    const host = install.host('system-provider-admin');
    for (const scheme of ['http', 'https'] as const) {
      const res = await h.call({ scheme, host: `${host.toUpperCase()}:${scheme === 'http' ? 80 : 443}`, path: '/admin/api/services.json', headers: basic('admintoken0001') });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body).services.length).toBeGreaterThan(0);
    }
  });

  it('does not serve a route that lost its host to an older route (HostAlreadyClaimed)', async () => {
    const host = install.host('system-provider-admin');
    const late = createEdgeRoute(h.state, 'intruder', 'steal-admin', 'system-provider', host);
    expect(late.admitted).toBe(false);
    const res = await h.call({ host, path: '/admin/api/services.json', headers: basic('admintoken0001') });
    expect(res.status).toBe(200);

    h.state.routes.push({ ...late, host: `only-unadmitted.${DOMAIN}` });
    const orphan = await h.call({ host: `only-unadmitted.${DOMAIN}`, path: '/' });
    expect(orphan.status).toBe(503);
  });

  it('answers 503 while the Service behind a route has no ready endpoint', async () => {
    const host = install.host('system-master');
    h.state.ready = h.state.ready.filter((s) => s !== '3scale/system-master');
    const down = await h.call({ host, path: '/p/login' });
    expect(down.status).toBe(503);
    expect(down.body).toContain('Application is not available');
    h.state.ready.push('3scale/system-master');
    const up = await h.call({ host, path: '/p/login' });
    expect(up.status).toBe(200);
  });

  it('redirects plain HTTP to HTTPS with 302 for insecureEdgeTerminationPolicy Redirect', async () => {
    createEdgeRoute(h.state, '3scale', 'admin-redirect', 'system-provider', `redirect.${DOMAIN}`, 'Redirect');
    const res = await h.call({ host: `redirect.${DOMAIN}`, path: '/p/login?x=1' });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(`https://redirect.${DOMAIN}:${h.listeners.httpsPort}/p/login?x=1`);
    const secure = await h.call({ scheme: 'https', host: `redirect.${DOMAIN}`, path: '/p/login' });
    expect(secure.status).not.toBe(302);
  });

  it('refuses plain HTTP with the 503 page for insecureEdgeTerminationPolicy None but serves HTTPS', async () => {
    createEdgeRoute(h.state, '3scale', 'admin-none', 'system-provider', `none.${DOMAIN}`, 'None');
    expect((await h.call({ host: `none.${DOMAIN}`, path: '/p/login' })).status).toBe(503);
    expect((await h.call({ scheme: 'https', host: `none.${DOMAIN}`, path: '/p/login' })).status).toBe(404);
  });

  it('routes by path prefix on whole segments and 503s paths no route covers', async () => {
    createEdgeRoute(h.state, '3scale', 'by-path', 'system-master', `paths.${DOMAIN}`, 'Allow', '/admin');
    // Reaches porta (which does not know this host: its own 404), not the router's 503.
    const covered = await h.call({ host: `paths.${DOMAIN}`, path: '/admin/api/services.xml' });
    expect(covered.status).toBe(404);
    expect(covered.body).not.toContain('Application is not available');
    for (const path of ['/', '/administrator', '/other']) {
      expect((await h.call({ host: `paths.${DOMAIN}`, path })).status).toBe(503);
    }
  });

  it('does not answer for a stopped VM', async () => {
    h.state.vmRunning = false;
    const res = await h.call({ host: install.host('system-master'), path: '/p/login' });
    h.state.vmRunning = true;
    expect(res.status).toBe(503);
  });
});
