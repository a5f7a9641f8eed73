import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';

import type { InstallSpecInput } from '../../../src/shared/spec.js';
import { TEMPLATE_212 } from '../../helpers/sim.js';
import { testdir } from '../../helpers/testdir.js';
import { startFakeRegistry, type FakeRegistry, type Scheme } from './fake-registry.js';
import { checkOf, depsFor, preflightOf, preflightWorld, specFor } from './helpers.js';

const world = preflightWorld({ REG_USER: 'svc|preflight', REG_PASSWORD: 'C0rrect-Horse-Battery' });
const registries: FakeRegistry[] = [];
afterAll(async () => {
  await Promise.all(registries.map((r) => r.close()));
  await world.reset();
});

/** The 2.12 template's image parameters, all pointed at `host` (so it is the only registry it pulls from). */
function imagesAt(host: string): Record<string, string> {
  const params = (parse(readFileSync(TEMPLATE_212, 'utf8')) as { parameters: Array<{ name: string }> }).parameters;
  return Object.fromEntries(params.filter((p) => p.name.endsWith('_IMAGE')).map((p) => [p.name, `${host}/3scale/${p.name.toLowerCase()}`]));
}

function spec212(host: string, registry?: InstallSpecInput['registry'], parameters = imagesAt(host)): InstallSpecInput {
  return specFor('registry', { threescale: { release: '2.12.0', template: TEMPLATE_212, parameters }, router: { address: '127.0.0.1' }, ...(registry ? { registry } : {}) });
}

async function registry(scheme: Scheme): Promise<FakeRegistry> {
  const r = await startFakeRegistry({ username: 'svc|preflight', password: 'C0rrect-Horse-Battery', scheme });
  registries.push(r);
  return r;
}

const creds = (server: string, password = 'env:REG_PASSWORD') => ({ server, username: 'env:REG_USER', password });

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('preflight: registry credentials', () => {
  it('reports references that do not resolve in the worker, by key and reference, never a value', async () => {
    const missingFile = join(testdir(), 'missing-password');
    const report = await preflightOf(depsFor(world), spec212('registry.redhat.io', { server: 'registry.redhat.io', username: 'env:NO_SUCH_USER', password: `file:${missingFile}` }, {}));
    expect(checkOf(report, 'registry').problems).toEqual([
      "registry.username cannot be resolved from env:NO_SUCH_USER (environment variable NO_SUCH_USER is not set); references resolve in the worker's environment",
      `registry.password cannot be resolved from file:${missingFile} (file ${missingFile} does not exist); references resolve in the worker's environment`,
    ]);
  });

  it('reports a 2.6+ template, which pulls with threescale-registry-auth, installed without registry credentials', async () => {
    const report = await preflightOf(depsFor(world), spec212('registry.redhat.io', undefined, {}));
    expect(checkOf(report, 'registry').problems).toEqual([
      'the template 3scale-api-management-eval pulls its images with secret threescale-registry-auth, and registry.redhat.io needs a login, ' +
        'but the spec has no registry section (server registry.redhat.io, a username, and the password as env:NAME or file:PATH)',
    ]);
  });

  it('reports a secret name the 2.6+ template does not pull with', async () => {
    const r = await registry('bearer');
    const report = await preflightOf(depsFor(world), spec212(r.host, { ...creds(r.host), secretName: 'my-pull-secret' }), { registryCa: r.ca });
    expect(checkOf(report, 'registry').problems).toEqual([
      `the template pulls with secret threescale-registry-auth, but registry.secretName is my-pull-secret, which it would never use; remove registry.secretName or set it to threescale-registry-auth`,
    ]);
  });

  it.each(['bearer', 'basic'] as const)('accepts credentials the registry accepts (%s challenge)', async (scheme) => {
    const r = await registry(scheme);
    const report = await preflightOf(depsFor(world), spec212(r.host, creds(r.host)), { registryCa: r.ca });
    expect(checkOf(report, 'registry')).toMatchObject({ ok: true, problems: [], warnings: [], summary: `${r.host} accepted the credentials of svc|preflight` });
    expect(r.requests.map((q) => q.path)).toContain(scheme === 'bearer' ? '/auth/token?service=fake-registry&account=svc%7Cpreflight' : '/v2/');
  });

  it('reports credentials the registry refuses, without ever showing the password', async () => {
    const r = await registry('bearer');
    const deps = depsFor(world, { env: { ...world.env, WRONG_PASSWORD: 'Wr0ng-Pa55word-xyz' } });
    const report = await preflightOf(deps, spec212(r.host, creds(r.host, 'env:WRONG_PASSWORD')), { registryCa: r.ca });
    expect(checkOf(report, 'registry').problems).toEqual([expect.stringContaining(`${r.host} refused the credentials of svc|preflight (HTTP 401)`)]);
    expect(JSON.stringify(report)).not.toContain('Wr0ng-Pa55word-xyz');
    expect(JSON.stringify(report)).not.toContain(Buffer.from('svc|preflight:Wr0ng-Pa55word-xyz').toString('base64'));
  });

  it('never sends the password to a registry whose certificate it cannot verify', async () => {
    const r = await registry('bearer');
    const report = await preflightOf(depsFor(world), spec212(r.host, creds(r.host)));
    expect(checkOf(report, 'registry')).toMatchObject({ ok: true, warnings: [expect.stringMatching(new RegExp(`^the worker does not trust the certificate of ${r.host} \\(\\w+\\), so the credentials were not tried`))] });
    expect(r.requests.filter((q) => q.authorization)).toEqual([]);
  });

  it('only warns when the registry cannot be reached (offline)', async () => {
    const host = `127.0.0.1:${await closedPort()}`;
    const report = await preflightOf(depsFor(world), spec212(host, creds(host)));
    expect(checkOf(report, 'registry')).toMatchObject({ ok: true, problems: [], warnings: [expect.stringContaining(`${host} could not be reached to check the credentials (ECONNREFUSED)`)] });
  });

  it('accepts 3scale 2.4, which pulls from registry.access.redhat.com without a login, with or without credentials', async () => {
    const without = await preflightOf(depsFor(world), specFor('registry', { router: { address: '127.0.0.1' } }));
    expect(checkOf(without, 'registry')).toMatchObject({ ok: true, summary: 'the template pulls from registry.access.redhat.com; no credentials given' });
    const withCreds = await preflightOf(depsFor(world), specFor('registry', { router: { address: '127.0.0.1' }, registry: creds('registry.redhat.io') }));
    expect(checkOf(withCreds, 'registry')).toMatchObject({ ok: true, summary: expect.stringContaining('the credentials for registry.redhat.io are not used by it') });
  });

  it('reports a template that pulls from registry.redhat.io when the credentials are for another registry', async () => {
    const r = await registry('open');
    const params = { ...imagesAt(r.host), AMP_SYSTEM_IMAGE: 'registry.redhat.io/3scale-amp2/system-rhel7:3scale2.12' };
    const report = await preflightOf(depsFor(world), spec212(r.host, creds(r.host), params), { registryCa: r.ca });
    expect(checkOf(report, 'registry').problems).toEqual([`the template pulls from registry.redhat.io, which needs a login, but the credentials are for ${r.host} (registry.server)`]);
  });
});
