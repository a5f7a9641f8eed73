import { readFileSync } from 'node:fs';

import { describe, expect, it } from '@jest/globals';

import { parseTemplate, recoverParameters } from '../../../src/activities/template/template-model.js';
import { TEMPLATE_212, TEMPLATE_24 } from '../../helpers/sim.js';

/** The template's objects with `${NAME}` replaced by `values` (what processing does), Secrets as their stringData. */
function processed(file: string, values: Record<string, string>) {
  const model = parseTemplate(readFileSync(file, 'utf8'));
  const text = JSON.stringify(model.objects).replace(/\$\{([A-Z0-9_]+)\}/g, (_, n: string) => values[n] ?? '');
  return { model, objects: JSON.parse(text) as Array<{ kind: string; metadata: { name: string } }> };
}

const VALUES = {
  WILDCARD_DOMAIN: '192.168.42.10.nip.io',
  MYSQL_PASSWORD: 'my-user-pw',
  MYSQL_ROOT_PASSWORD: 'my-root-pw',
  MASTER_ACCESS_TOKEN: 'mastertok123',
  ADMIN_PASSWORD: 'adminpw',
  ADMIN_ACCESS_TOKEN: 'admintok',
  MASTER_PASSWORD: 'masterpw',
};
const only = (objects: Array<{ kind: string; metadata: { name: string } }>, ...keys: string[]) =>
  objects.filter((o) => keys.includes(`${o.kind}/${o.metadata.name}`));

describe('recoverParameters (completing a partial deploy with the values already in use)', () => {
  const { model, objects } = processed(TEMPLATE_24, VALUES);

  it("reads MySQL's passwords from 2.4's system-mysql DeploymentConfig, where no Secret holds MYSQL_PASSWORD", () => {
    expect(recoverParameters(model, only(objects, 'DeploymentConfig/system-mysql'))).toEqual({
      MYSQL_PASSWORD: 'my-user-pw',
      MYSQL_ROOT_PASSWORD: 'my-root-pw',
    });
  });

  it("reads MASTER_ACCESS_TOKEN from system-app's pre-hook command line", () => {
    expect(recoverParameters(model, only(objects, 'DeploymentConfig/system-app'))).toEqual({ MASTER_ACCESS_TOKEN: 'mastertok123' });
  });

  it('reads values embedded in Secret strings (system-database URL, system-seed)', () => {
    expect(recoverParameters(model, only(objects, 'Secret/system-database', 'Secret/system-seed'))).toEqual({
      MYSQL_ROOT_PASSWORD: 'my-root-pw',
      ADMIN_PASSWORD: 'adminpw',
      ADMIN_ACCESS_TOKEN: 'admintok',
      MASTER_PASSWORD: 'masterpw',
    });
  });

  it('returns only generated parameters, and nothing when no object exists yet', () => {
    const all = recoverParameters(model, objects);
    expect(all).not.toHaveProperty('WILDCARD_DOMAIN');
    expect(Object.keys(all).sort()).toEqual(model.parameters.filter((p) => p.generate).map((p) => p.name).filter((n) => n in all).sort());
    expect(recoverParameters(model, [])).toEqual({});
  });

  it('ignores an object whose live value no longer matches its template field', () => {
    const dc = only(objects, 'DeploymentConfig/system-app')[0] as unknown as { spec: { strategy: { rollingParams: { pre: { execNewPod: { command: string[] } } } } } };
    dc.spec.strategy.rollingParams.pre.execNewPod.command = ['bash', '-c', 'something else entirely'];
    expect(recoverParameters(model, [dc as unknown as { kind: string; metadata: { name: string } }])).toEqual({});
  });

  it('works on the 2.12 template too (system-seed holds the master token there)', () => {
    const t212 = processed(TEMPLATE_212, VALUES);
    expect(recoverParameters(t212.model, only(t212.objects, 'Secret/system-seed'))).toMatchObject({ MASTER_ACCESS_TOKEN: 'mastertok123', ADMIN_PASSWORD: 'adminpw' });
  });
});
