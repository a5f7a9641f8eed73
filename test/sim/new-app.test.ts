import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';

import type { ApiObject } from './helpers/sim.js';
import { SimHarness, fixture } from './helpers/sim.js';

type Param = { name: string; displayName?: string; value?: string; generate?: string; from?: string; required?: boolean };
type Tpl = { metadata: { name: string; annotations: Record<string, string> }; parameters: Param[]; objects: ApiObject[] };

const load = (name: string): Tpl => parse(readFileSync(fixture(name), 'utf8')) as Tpl;
const kindGroup = (o: ApiObject): string => `${o.kind.toLowerCase()}${o.apiVersion.includes('/') ? `.${o.apiVersion.split('/')[0]}` : ''}`;
const pluralGroup = (o: ApiObject): string => `${o.kind.toLowerCase()}s${o.apiVersion.includes('/') ? `.${o.apiVersion.split('/')[0]}` : ''}`.replace('policys', 'policies');
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const sub = (s: string, values: Record<string, string>): string => s.replace(/\$\{([A-Z0-9_]+)\}/g, (_, k: string) => values[k] ?? '');

describe('oc new-app with the 3scale templates (3scale-template.md §5, §7; openshift-cli.md §6)', () => {
  const sim = new SimHarness(300);
  const file24 = 'amp-eval-tech-preview-2.4.yml';
  const t24 = load(file24);
  let domain = '';
  let first: Awaited<ReturnType<SimHarness['run']>>;
  const newApp = (args: string[], cwd = dirname(fixture(file24))): ReturnType<SimHarness['run']> => sim.run('oc', ['new-app', ...args], { cwd });
  beforeAll(async () => {
    domain = `${await sim.up()}.nip.io`;
    await sim.oc('new-project', '3scale');
    first = await newApp(['-f', file24, '--param', `WILDCARD_DOMAIN=${domain}`, '--param', 'AMP_RELEASE=2.4.0']);
  });
  afterAll(() => sim.cleanup());

  it('prints the golden transcript of §5: header, parameters with generated values, one line per object in file order, routes', () => {
    expect(first.exitCode).toBe(0);
    expect(first.stderr).toBe('');
    const lines = first.stdout.split('\n');
    const adminPassword = /admin\/([a-z0-9]{8})$/.exec(lines[6])?.[1] ?? '';
    const given: Record<string, string> = { WILDCARD_DOMAIN: domain, AMP_RELEASE: '2.4.0' };
    const paramLines = t24.parameters.map((p) => {
      const label = escape(`        * ${p.displayName || p.name}=`);
      if (given[p.name] !== undefined) return new RegExp(`^${label}${escape(given[p.name])}$`);
      if (p.name === 'ADMIN_PASSWORD') return new RegExp(`^${label}${adminPassword} # generated$`);
      if (p.generate) return new RegExp(`^${label}${p.from} # generated$`);
      return new RegExp(`^${label}${escape(p.value ?? '')}$`);
    });
    const expected: Array<string | RegExp> = [
      `--> Deploying template "3scale/${t24.metadata.name}" for "${file24}" to project 3scale`,
      '',
      `     ${t24.metadata.annotations['openshift.io/display-name']}`,
      '     ---------',
      `     ${t24.metadata.annotations.description}`,
      '',
      /^ {5}Login on https:\/\/3scale-admin\.\S+ as admin\/[a-z0-9]{8}$/,
      '',
      '     * With parameters:',
      ...paramLines,
      '',
      '--> Creating resources ...',
      ...t24.objects.map((o) => `    ${kindGroup(o)} "${o.metadata.name}" created`),
      '--> Success',
      ...t24.objects.filter((o) => o.kind === 'Route').map((o) => `    Access your application via route '${sub(o.spec.host, { TENANT_NAME: '3scale', MASTER_NAME: 'master', WILDCARD_DOMAIN: domain })}' `),
      "    Run 'oc status' to view your app.",
    ];
    expect(lines).toHaveLength(expected.length);
    expected.forEach((e, i) => (typeof e === 'string' ? expect(lines[i]).toBe(e) : expect(lines[i]).toMatch(e)));
    expect(lines[6]).toBe(`     Login on https://3scale-admin.${domain} as admin/${adminPassword}`);
  });

  it('creates every object of the template (67 for 2.4, §7.1)', async () => {
    const names = (await sim.oc('get', 'is,dc,svc,cm,pvc,route', '-o', 'name')).stdout.split('\n');
    expect(names.length + 13).toBe(t24.objects.length);
    const seed = await sim.json<ApiObject>('secret', 'system-seed');
    expect(Buffer.from(seed.data.ADMIN_PASSWORD, 'base64').toString()).toMatch(/^[a-z0-9]{8}$/);
  });

  it('is not idempotent: a rerun prints fresh values, an error per existing object on stderr, creates what is missing, --> Failed, exit 1 (§5, §7.1, §20.4)', async () => {
    const before = Buffer.from((await sim.json<ApiObject>('secret', 'system-seed')).data.ADMIN_PASSWORD, 'base64').toString();
    await sim.oc('delete', 'configmap', 'smtp');
    const r = await newApp(['-f', file24, '-p', `WILDCARD_DOMAIN=${domain}`, '-p', 'TENANT_NAME=3scale', '-p', 'TENANT_NAME=other']);
    expect(r.exitCode).toBe(1);
    const out = r.stdout.split('\n');
    expect(out.slice(-3)).toEqual(['--> Creating resources ...', '    configmap "smtp" created', '--> Failed']);
    const shown = /admin\/([a-z0-9]{8})$/.exec(out[6])?.[1];
    expect(shown).toMatch(/^[a-z0-9]{8}$/);
    expect(shown).not.toBe(before);
    expect(r.stderr.split('\n')).toEqual([
      'warning: Template parameter "TENANT_NAME" was overwritten',
      ...t24.objects.filter((o) => o.metadata.name !== 'smtp').map((o) => `    error: ${pluralGroup(o)} "${o.metadata.name}" already exists`),
    ]);
    const after = Buffer.from((await sim.json<ApiObject>('secret', 'system-seed')).data.ADMIN_PASSWORD, 'base64').toString();
    expect(after).toBe(before);
  });

  it('names the index of WILDCARD_DOMAIN, computed from the file, when it is missing (§1)', async () => {
    const index = t24.parameters.findIndex((p) => p.name === 'WILDCARD_DOMAIN');
    const r = await newApp(['-f', file24]);
    expect(r).toEqual({
      stdout: '',
      stderr: `error: error processing template "3scale/${t24.metadata.name}": Template.template.openshift.io "${t24.metadata.name}" is invalid: template.parameters[${index}]: Required value: template.parameters[${index}]: parameter WILDCARD_DOMAIN is required and must be specified`,
      exitCode: 1,
    });
  });

  it.each([
    [['-p', 'FOO=1', '-p', 'WILDCARD_DOMAIN=x'], 'error: unexpected parameter name "FOO"'],
    [['-p', 'FOO'], 'error: invalid parameter assignment in "FOO", []'],
  ])('rejects parameters %j before creating anything', async (args, stderr) => {
    expect(await newApp(['-f', file24, ...args])).toEqual({ stdout: '', stderr, exitCode: 1 });
  });

  it('prints the generic help block when the file does not exist', async () => {
    const r = await newApp(['-f', 'amp.yml']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr.split('\n').slice(0, 3)).toEqual(['error: unable to locate any template files with name "amp.yml"', '', "The 'oc new-app' command will match arguments to the following types:"]);
    expect(r.stderr.endsWith("See 'oc new-app -h' for examples.")).toBe(true);
  });

  it('refuses a file that is not a template', async () => {
    const cm = join(sim.dir, 'cm.yml');
    writeFileSync(cm, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n');
    expect(await newApp(['-f', cm])).toEqual({ stdout: '', stderr: `error: object in "${cm}" is not a template`, exitCode: 1 });
  });

  it('oc process prints the processed objects as a JSON List, -o yaml as YAML, and rejects duplicate parameters', async () => {
    const r = await sim.oc('process', '-f', fixture(file24), '-p', `WILDCARD_DOMAIN=${domain}`);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.startsWith('{\n    "kind": "List",\n    "apiVersion": "v1",\n    "metadata": {},\n    "items": [\n')).toBe(true);
    const list = JSON.parse(r.stdout);
    expect(list.items).toHaveLength(t24.objects.length);
    expect(list.items.find((o: ApiObject) => o.kind === 'PersistentVolumeClaim' && o.metadata.name === 'system-storage').spec.storageClassName).toBeNull();
    expect(parse((await sim.oc('process', '-f', fixture(file24), '-p', `WILDCARD_DOMAIN=${domain}`, '-o', 'yaml')).stdout).items).toHaveLength(t24.objects.length);
    expect(await sim.oc('process', '-f', fixture(file24), '-p', 'WILDCARD_DOMAIN=a', '-p', 'WILDCARD_DOMAIN=b')).toEqual({ stdout: '', stderr: 'error: The following parameters were provided more than once: WILDCARD_DOMAIN', exitCode: 1 });
  });

  it('creates the 2.12 template\'s 66 objects with their own kinds (ServiceAccount, Role, RoleBinding) and its single route (§6)', async () => {
    const file212 = 'amp-eval-tech-preview-2.12.yml';
    const t212 = load(file212);
    await sim.oc('new-project', 'threescale-212');
    const r = await newApp(['-f', file212, '-p', `WILDCARD_DOMAIN=${domain}`], dirname(fixture(file212)));
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const created = r.stdout.split('\n').filter((l) => l.endsWith(' created'));
    expect(created).toEqual(t212.objects.map((o) => `    ${kindGroup(o)} "${o.metadata.name}" created`));
    expect(created).toHaveLength(66);
    expect(created).toContain('    role.rbac.authorization.k8s.io "zync-que-role" created');
    expect(r.stdout.split('\n').filter((l) => l.startsWith('    Access your application via route'))).toEqual([`    Access your application via route 'backend-3scale.${domain}' `]);
  });
});
