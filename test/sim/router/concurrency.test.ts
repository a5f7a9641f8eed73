import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import type { Harness } from './helpers/router-harness.js';
import { basic, form, startHarness } from './helpers/router-harness.js';
import { installTemplate } from './helpers/template-cluster.js';
import { systemDbPath } from '../../../src/sim/router/threescale/store.js';

const DOMAIN = '127.14.15.16.nip.io';
const TOKEN = 'concurrenttoken1';

describe('3scale system database under concurrent requests', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    installTemplate(h.state, 'lab', { WILDCARD_DOMAIN: DOMAIN, ADMIN_ACCESS_TOKEN: TOKEN, MASTER_ACCESS_TOKEN: 'concmstr' });
  });
  afterAll(async () => h.close());

  it('keeps every one of 20 simultaneous creates, with distinct ids, in a file that always parses', async () => {
    const host = `3scale-admin.${DOMAIN}`;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const f = form({ name: `Service ${i}` });
        return h.call({ host, path: '/admin/api/services.json', method: 'POST', body: f.body, headers: { ...basic(TOKEN), ...f.headers } });
      }),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const ids = results.map((r) => JSON.parse(r.body).service.id as number);
    expect(new Set(ids).size).toBe(20);
    const listed = JSON.parse((await h.call({ host, path: '/admin/api/services.json', headers: basic(TOKEN) })).body).services;
    expect(listed).toHaveLength(21);
    const uid = (h.state.objects['lab/Project/lab'].metadata as { uid: string }).uid;
    const db = JSON.parse(readFileSync(systemDbPath(h.home, { project: 'lab', uid }), 'utf8'));
    expect(db.services).toHaveLength(21);
  });
});
