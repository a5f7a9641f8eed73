import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';

import type { ApiObject } from './helpers/sim.js';
import { SimHarness, fixture } from './helpers/sim.js';

describe('concurrent oc processes during a bring-up (state folder safety)', () => {
  const sim = new SimHarness(500);
  afterAll(() => sim.cleanup());

  it('keeps every read parseable and every write applied while 20 readers and 5 writers run at once', async () => {
    const ip = await sim.up();
    await sim.oc('new-project', '3scale');
    const template = parse(readFileSync(fixture('amp-eval-tech-preview-2.4.yml'), 'utf8')) as { objects: ApiObject[] };
    const install = await sim.oc('new-app', '-f', fixture('amp-eval-tech-preview-2.4.yml'), '-p', `WILDCARD_DOMAIN=${ip}.nip.io`);
    expect(install.exitCode).toBe(0);
    const written: string[] = [];
    const writes = Array.from({ length: 5 }, (_, i) => {
      const name = `cm-${i}`;
      written.push(name);
      const file = join(sim.dir, `${name}.yaml`);
      writeFileSync(file, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  k: v\n`);
      return sim.oc('create', '-f', file);
    });
    const reads = Array.from({ length: 20 }, () => sim.oc('get', 'pods', '-o', 'json'));
    const results = await Promise.all([...writes, ...reads]);
    for (const w of results.slice(0, 5)) expect(w).toMatchObject({ exitCode: 0, stderr: '' });
    for (const r of results.slice(5)) {
      expect(r.exitCode).toBe(0);
      expect(JSON.parse(r.stdout).kind).toBe('List');
    }
    const dcs = template.objects.filter((o) => o.kind === 'DeploymentConfig').length;
    await sim.until(
      'the bring-up to complete',
      async () => ((await sim.json('dc')).items.filter((d) => d.status.availableReplicas === 1).length === dcs ? true : undefined),
      60_000,
      200,
    );
    const names = (await sim.json('configmaps')).items.map((c) => c.metadata.name);
    for (const name of [...written, ...template.objects.filter((o) => o.kind === 'ConfigMap').map((o) => o.metadata.name)]) expect(names).toContain(name);
    expect(() => JSON.parse(readFileSync(join(sim.home, 'profiles', 'minishift', 'state.json'), 'utf8'))).not.toThrow();
  });
});
