import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from '@jest/globals';

import { loadLabSpecOrExit } from '../../src/cli/lab-spec-input.js';
import { LAB_SPEC_SCHEMA_FILE, labSpecJsonSchema } from '../../src/config/json-schema.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { durationMs, parseLabSpec, studentInstallSpec, studentNames, type LabSpecInput } from '../../src/shared/lab-spec.js';
import { runCli } from '../helpers/cli.js';
import { labFile } from './helpers.js';

const base = (overrides: Partial<LabSpecInput> = {}): LabSpecInput => ({ name: 'lab1', layout: 'tenants', students: ['ann', 'bob'], ttl: '3d', install: {}, ...overrides });
const problems = (input: unknown) => parseLabSpec(input).problems?.map((p) => `${p.path}: ${p.message}`) ?? [];

describe('lab spec', () => {
  it('names count students student1..N and applies the defaults', () => {
    const { spec } = parseLabSpec(base({ students: { count: 3 } }));
    expect(studentNames(spec!)).toEqual(['student1', 'student2', 'student3']);
    expect(spec).toMatchObject({ concurrency: 2, canary: true, install: { openshift: { project: '3scale' } } });
    expect(spec?.continueAsNewAfter).toBeUndefined();
  });

  it('reports every problem at once, by path', () => {
    const found = problems({ name: 'Lab_1', layout: 'pods', students: ['ok', 'Not-OK', 'ok'], ttl: 'soon', install: { openshift: { project: 'X' } }, extra: 1 });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^name: .*DNS-1123/),
        expect.stringMatching(/^layout: /),
        expect.stringMatching(/^students\[1\]: .*DNS-1123/),
        expect.stringMatching(/^ttl: must be a duration/),
        expect.stringMatching(/^install\.openshift\.project: /),
        'extra: unknown key',
      ]),
    );
  });

  it('refuses a student listed twice', () => {
    expect(problems(base({ students: ['ann', 'bob', 'ann'] }))).toEqual(['students[2]: student ann is listed twice']);
  });

  it("refuses tenants that would take the shared install's portal domains", () => {
    expect(problems(base({ students: ['master', 'ok'] }))).toEqual([expect.stringMatching(/^students: student master would take a portal domain/)]);
    expect(problems(base({ students: ['3scale'] }))).toHaveLength(1);
    expect(problems(base({ students: ['ops'], install: { threescale: { release: '2.4.0', template: 'amp', parameters: { TENANT_NAME: 'ops' } } } }))).toHaveLength(1);
  });

  it('needs minishift for the installs layout', () => {
    expect(problems(base({ layout: 'installs', install: { platform: { type: 'existing' } } }))).toEqual([expect.stringMatching(/^install\.platform\.type: the installs layout needs minishift/)]);
  });

  it('keeps lab and student names short enough for <lab>-<student> profiles and tenant gateway hosts', () => {
    expect(problems(base({ name: 'x'.repeat(31), students: ['y'.repeat(31)] }))).toEqual(['name: must be at most 30 characters', 'students[0]: must be at most 30 characters']);
  });

  it('gives each student of an installs lab its own profile', () => {
    const { spec } = parseLabSpec(base({ layout: 'installs' }));
    expect(studentInstallSpec(spec!, 'bob').platform).toMatchObject({ type: 'minishift', profile: 'lab1-bob' });
    expect(spec!.install.platform).toMatchObject({ profile: 'minishift' });
  });

  it('reads durations as Temporal does', () => {
    expect([durationMs('90s'), durationMs('1.5h'), durationMs('3d'), durationMs('250ms')]).toEqual([90_000, 5_400_000, 259_200_000, 250]);
    expect(durationMs('soon')).toBeNaN();
  });

  it('has a committed JSON Schema that matches the zod schema (run `npm run schema` after changing it)', () => {
    expect(readFileSync(LAB_SPEC_SCHEMA_FILE, 'utf8')).toBe(labSpecJsonSchema());
  });

  it.each(['lab-tenants.yaml', 'lab-installs.yaml'])('ships examples/%s as a valid lab whose template path exists', (file) => {
    const spec = loadLabSpecOrExit(join(PROJECT_ROOT, 'examples', file));
    expect(spec.layout).toBe(file.includes('tenants') ? 'tenants' : 'installs');
    expect(existsSync(spec.install.threescale.template)).toBe(true);
  });
});

describe('amp-installer lab (without a running lab)', () => {
  it('lists every lab command in its help', async () => {
    const res = await runCli(['lab', '--help']);
    expect(res.code).toBe(0);
    for (const cmd of ['up', 'status', 'extend', 'down', 'add', 'remove', 'resume', 'credentials']) expect(res.stdout).toMatch(new RegExp(`^  ${cmd}\\b`, 'm'));
    expect((await runCli(['lab', 'credentials', '--help'])).stdout).toContain('The only lab command that prints secrets');
  });

  it('exits 2 with every problem of an invalid lab file, by path', async () => {
    const file = labFile({ ...base({ students: ['ann', 'ann'] }), ttl: 'forever' } as LabSpecInput);
    const res = await runCli(['lab', 'up', '-f', file]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('invalid lab spec');
    expect(res.stderr).toContain('ttl: must be a duration');
    expect(res.stderr).toContain('students[1]: student ann is listed twice');
  });

  it('exits 2 for a lab that does not exist', async () => {
    const res = await runCli(['lab', 'status', 'no-such-lab']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('no lab no-such-lab (workflow lab-no-such-lab)');
  });
});
