import { join } from 'node:path';

import { describe, expect, it } from '@jest/globals';

import { PROJECT_ROOT } from '../../src/paths.js';
import { runCli } from '../helpers/cli.js';
import { testdir } from '../helpers/testdir.js';

const example = join(PROJECT_ROOT, 'examples/minishift-2.4.yaml');

describe('amp-installer validate', () => {
  it('exits 0 for a valid spec whose references resolve', async () => {
    const res = await runCli(['validate', '-f', example], { env: { REGISTRY_USERNAME: 'u', REGISTRY_PASSWORD: 'topsecret' } });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('valid (platform minishift, project 3scale, 3scale 2.4.0)');
    expect(res.stdout + res.stderr).not.toContain('topsecret');
  });

  it('exits 2 and names each unresolvable reference', async () => {
    const res = await runCli(['validate', '-f', example], { env: { REGISTRY_USERNAME: 'u', REGISTRY_PASSWORD: '' } });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('registry.password: cannot resolve env:REGISTRY_PASSWORD: environment variable REGISTRY_PASSWORD is empty');
  });

  it('exits 2 listing every schema problem with its path', async () => {
    const dir = testdir({ 'bad.yaml': 'openshift: { project: Bad_Name, extra: 1 }\nplatform: { type: crc }\n' });
    const res = await runCli(['validate', '-f', join(dir, 'bad.yaml')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^.*bad\.yaml: invalid spec$/m);
    expect(res.stderr).toMatch(/^openshift\.project: must be a DNS-1123 label/m);
    expect(res.stderr).toMatch(/^openshift\.extra: unknown key$/m);
    expect(res.stderr).toMatch(/^platform\.type: .*'minishift' \| 'existing'/m);
  });

  it('exits 2 when the file does not exist', async () => {
    const res = await runCli(['validate', '-f', '/nonexistent/x.yaml']);
    expect(res.code).toBe(2);
    expect(res.stderr.trim()).toBe('spec file /nonexistent/x.yaml does not exist');
  });

  it('exits 2 on a missing option and documents exit codes in --help', async () => {
    const missing = await runCli(['validate']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '-f, --file <spec>' not specified");
    const help = await runCli(['validate', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes:\n\s+0\s+success\n\s+1\s+failure.*\n\s+2\s+bad input/);
  });
});
