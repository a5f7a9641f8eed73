import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import type { Harness } from './helpers/router-harness.js';
import { basic, form, startHarness } from './helpers/router-harness.js';
import { runSmokeFlow } from './helpers/smoke-flow.js';
import { createEdgeRoute, installTemplate } from './helpers/template-cluster.js';

const DOMAIN = '127.11.12.13.nip.io';
const ADMIN_TOKEN = 'journaladmintok1';
const MASTER_TOKEN = 'journalm';

describe('router journal', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    installTemplate(h.state, '3scale', { WILDCARD_DOMAIN: DOMAIN, ADMIN_ACCESS_TOKEN: ADMIN_TOKEN, MASTER_ACCESS_TOKEN: MASTER_TOKEN });
  });
  afterAll(async () => h.close());

  it('records every request with method, host, redacted path, status and profile, and never a secret', async () => {
    const admin = `3scale-admin.${DOMAIN}`;
    const ids = await runSmokeFlow(h, admin, ADMIN_TOKEN);
    createEdgeRoute(h.state, '3scale', 'echo', 'apicast-staging', ids.sandboxHost);
    await h.call({ host: ids.sandboxHost, path: `/echo?user_key=${ids.userKey}` });
    await h.call({ host: admin, path: `/admin/api/services.json?access_token=${ADMIN_TOKEN}` });
    const signup = form({ access_token: MASTER_TOKEN, org_name: 'student', username: 'student', email: 's@example.com', password: 'Sup3rSecretPw' });
    const made = await h.call({ host: `master.${DOMAIN}`, path: '/master/api/providers.json', method: 'POST', body: signup.body, headers: signup.headers });
    const tenantToken = String(JSON.parse(made.body).signup.access_token.value);
    await h.call({ host: `master.${DOMAIN}`, path: '/master/api/providers/1.json', headers: basic(MASTER_TOKEN) });
    await h.call({ host: `unknown.${DOMAIN}`, path: '/' });

    const text = readFileSync(join(h.home, 'journal.jsonl'), 'utf8');
    const entries = text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const secret of [ADMIN_TOKEN, MASTER_TOKEN, ids.userKey, 'Sup3rSecretPw', tenantToken, Buffer.from(`:${ADMIN_TOKEN}`).toString('base64')]) {
      expect(text).not.toContain(secret);
    }
    expect(entries.every((e) => e.kind === 'http' && e.profile === 'test' && typeof e.ms === 'number' && typeof e.t === 'string')).toBe(true);
    expect(entries).toContainEqual(expect.objectContaining({ method: 'GET', host: ids.sandboxHost, path: '/echo?user_key=[redacted]', status: 200 }));
    expect(entries).toContainEqual(expect.objectContaining({ method: 'GET', host: admin, path: '/admin/api/services.json?access_token=[redacted]', status: 200 }));
    expect(entries).toContainEqual(expect.objectContaining({ method: 'POST', path: '/master/api/providers.json', status: 201 }));
    expect(entries).toContainEqual(expect.objectContaining({ host: `unknown.${DOMAIN}`, status: 503 }));
  });
});
