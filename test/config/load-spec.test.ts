import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from '@jest/globals';

import { checkReferences, loadSpecFile, SpecFileError } from '../../src/config/load-spec.js';
import { INSTALL_SPEC_SCHEMA_FILE, installSpecJsonSchema } from '../../src/config/json-schema.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { testdir } from '../helpers/testdir.js';

const load = (content: string, name = 'spec.yaml') => {
  const dir = testdir({ [name]: content });
  return { dir, loaded: loadSpecFile(join(dir, name)) };
};

describe('loadSpecFile', () => {
  it("loads the seed's install example with its values and defaults", () => {
    const loaded = loadSpecFile(join(PROJECT_ROOT, 'examples/minishift-2.4.yaml'));
    expect(loaded.problems).toBeUndefined();
    expect(loaded.spec).toMatchObject({
      platform: { type: 'minishift', profile: 'minishift', memory: '6GB', cpus: 2 },
      openshift: { user: 'system:admin', project: '3scale' },
      registry: { server: 'registry.redhat.io', username: 'env:REGISTRY_USERNAME', password: 'env:REGISTRY_PASSWORD' },
      threescale: { release: '2.4.0', template: 'amp-eval-tech-preview' },
      smokeTest: { enabled: true },
    });
  });

  it('applies defaults to an empty spec', () => {
    const { loaded } = load('{}\n', 'spec.json');
    expect(loaded.spec?.openshift.project).toBe('3scale');
    expect(loaded.spec?.platform).toEqual({ type: 'minishift', profile: 'minishift', memory: '6GB', cpus: 2 });
  });

  it('reports every problem at once, each with its path', () => {
    const { loaded } = load(
      [
        'platform: { type: minishift, cpus: two }',
        'openshift: { project: 3Scale }',
        'threescale: { release: "3.0", templte: x }',
      ].join('\n'),
    );
    const paths = loaded.problems?.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['platform.cpus', 'openshift.project', 'threescale.release', 'threescale.templte']));
    expect(loaded.problems).toHaveLength(4);
    expect(loaded.problems?.find((p) => p.path === 'threescale.templte')?.message).toBe('unknown key');
    expect(loaded.problems?.find((p) => p.path === 'openshift.project')?.message).toMatch(/DNS-1123 label/);
  });

  it('reports a missing required field by path', () => {
    const { loaded } = load('registry: { password: env:X }\n');
    expect(loaded.problems).toEqual([{ path: 'registry.username', message: expect.stringMatching(/expected string/) }]);
  });

  it('refuses an inline registry password and says how to reference it', () => {
    const { loaded } = load('registry: { username: bob, password: hunter2 }\n');
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems?.[0].path).toBe('registry.password');
    expect(loaded.problems?.[0].message).toMatch(/inline secrets are not accepted.*env:NAME.*file:PATH/);
    expect(JSON.stringify(loaded.problems)).not.toContain('hunter2');
  });

  it('refuses secret template parameters inline and names bad parameter names by path', () => {
    const { loaded } = load('threescale: { parameters: { ADMIN_PASSWORD: hunter2, MASTER_ACCESS_TOKEN: env:MAT, tenant: x, TENANT_NAME: acme } }\n');
    expect(loaded.problems).toEqual([
      { path: 'threescale.parameters.ADMIN_PASSWORD', message: 'a secret parameter is not accepted inline; reference it as env:NAME or file:PATH' },
      { path: 'threescale.parameters.tenant', message: 'template parameter names are upper case (e.g. TENANT_NAME)' },
    ]);
  });

  it('reports YAML syntax errors with line and column', () => {
    const { loaded } = load('platform: [\n');
    expect(loaded.problems?.[0].path).toMatch(/^line 2, column \d+$/);
  });

  it('throws SpecFileError naming a missing file', () => {
    expect(() => loadSpecFile('/nonexistent/spec.yaml')).toThrow(SpecFileError);
    expect(() => loadSpecFile('/nonexistent/spec.yaml')).toThrow('spec file /nonexistent/spec.yaml does not exist');
  });

  it('anchors a relative template path and file: references at the spec file folder', () => {
    const { dir, loaded } = load('threescale: { template: ./t/amp.yml }\nregistry: { username: u, password: file:pw.txt }\n');
    expect(loaded.spec?.threescale.template).toBe(join(dir, 't/amp.yml'));
    expect(loaded.spec?.registry?.password).toBe(`file:${join(dir, 'pw.txt')}`);
  });
});

describe('checkReferences', () => {
  it('resolves env: and file: references and names each one that does not resolve', () => {
    const dir = testdir({ 'pw.txt': 's3cret\n' });
    const { loaded } = load(`registry: { username: env:REG_USER, password: file:${join(dir, 'pw.txt')} }\n`);
    const spec = loaded.spec!;
    expect(checkReferences(spec, { REG_USER: 'bob' })).toEqual([]);
    expect(checkReferences(spec, {})).toEqual([
      { path: 'registry.username', message: 'cannot resolve env:REG_USER: environment variable REG_USER is not set' },
    ]);
    const missing = { ...spec, registry: { ...spec.registry!, password: 'file:/nonexistent/pw' } };
    expect(checkReferences(missing, { REG_USER: 'bob' })).toEqual([
      { path: 'registry.password', message: 'cannot resolve file:/nonexistent/pw: file /nonexistent/pw does not exist' },
    ]);
  });
});

describe('install spec JSON Schema', () => {
  it('is committed and matches the zod schema (run `npm run schema` after changing src/shared/spec.ts)', () => {
    expect(readFileSync(INSTALL_SPEC_SCHEMA_FILE, 'utf8')).toBe(installSpecJsonSchema());
  });
});
