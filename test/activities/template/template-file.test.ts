import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApplicationFailure } from '@temporalio/common';

import type { ActivityDeps } from '../../../src/activities/deps.js';
import { resolveTemplateFile, templateCachePath } from '../../../src/activities/template/template-file.js';
import { ConfigError, loadRuntimeConfig } from '../../../src/config/env.js';
import { ErrorType } from '../../../src/shared/errors.js';
import { UPSTREAM_TEMPLATES_REPO } from '../../../src/shared/template-source.js';
import { createRedactor } from '../../../src/redaction/index.js';
import { FIXTURE_TEMPLATES } from '../../helpers/sim.js';
import { testdir } from '../../helpers/testdir.js';

// A mirror laid out like raw.githubusercontent.com/3scale/3scale-amp-openshift-templates: <tag>/amp/<name>.yml.
// It serves the workplace's fixture templates, and canned failures under other names.
const files: Record<string, string> = {
  '/2.4.0.GA/amp/amp-eval-tech-preview.yml': join(FIXTURE_TEMPLATES, 'amp-eval-tech-preview-2.4.yml'),
  '/3scale-2.12.0-GA/amp/amp.yml': join(FIXTURE_TEMPLATES, 'amp-2.12.yml'),
};
const hits: string[] = [];
let answer503 = true;
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.push(path);
    if (files[path]) {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(readFileSync(files[path]));
    } else if (path === '/2.4.0.GA/amp/amp-flaky.yml' && answer503) {
      res.writeHead(503).end('upstream connect error');
    } else if (path === '/2.4.0.GA/amp/amp-flaky.yml') {
      res.writeHead(200).end(readFileSync(join(FIXTURE_TEMPLATES, 'amp-2.4.yml')));
    } else if (path === '/2.4.0.GA/amp/amp-portal.yml') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Please sign in to the guest Wi-Fi</body></html>');
    } else {
      res.writeHead(404).end('404: Not Found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
});

const deps = (templatesUrl = base): ActivityDeps => ({
  cli: { oc: 'oc', minishift: 'minishift' },
  env: {},
  redactor: createRedactor(null),
  dataDir: testdir(),
  templatesUrl,
});

async function failure(p: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApplicationFailure);
  return err as ApplicationFailure;
}

describe('resolveTemplateFile — a template named by release', () => {
  it('fetches the release tag once, caches it, and reads the cache afterwards', async () => {
    const d = deps();
    const before = hits.length;
    const file = await resolveTemplateFile(d, 'amp-eval-tech-preview', '2.4.0');
    expect(file).toBe(templateCachePath(d.dataDir, 'amp-eval-tech-preview', '2.4.0'));
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(join(FIXTURE_TEMPLATES, 'amp-eval-tech-preview-2.4.yml'), 'utf8'));
    expect(hits.slice(before)).toEqual(['/2.4.0.GA/amp/amp-eval-tech-preview.yml']);

    // Later steps (and later installs) use the cache, even with the mirror gone.
    expect(await resolveTemplateFile({ ...d, templatesUrl: 'http://127.0.0.1:9/' }, 'amp-eval-tech-preview', '2.4.0')).toBe(file);
    expect(hits.length).toBe(before + 1);
  });

  it("uses 2.12's tag scheme (3scale-2.12.0-GA)", async () => {
    const d = deps();
    const file = await resolveTemplateFile(d, 'amp', '2.12');
    expect(file).toBe(templateCachePath(d.dataDir, 'amp', '2.12'));
    expect(hits.at(-1)).toBe('/3scale-2.12.0-GA/amp/amp.yml');
  });

  it('a 404 is a template that does not exist: non-retryable, nothing cached', async () => {
    const d = deps();
    const err = await failure(resolveTemplateFile(d, 'amp-nonesuch', '2.4.0'));
    expect(err.type).toBe(ErrorType.TemplateNotFound);
    expect(err.nonRetryable).toBe(true);
    expect(err.message).toContain('there is no template amp-nonesuch for 3scale 2.4.0');
    expect(err.message).toContain('/2.4.0.GA/amp/amp-nonesuch.yml answered 404');
    expect(existsSync(join(d.dataDir, 'templates'))).toBe(false);
  });

  it('a 5xx is retryable, caches nothing, and the retry after the mirror recovers succeeds', async () => {
    const d = deps();
    answer503 = true;
    const err = await failure(resolveTemplateFile(d, 'amp-flaky', '2.4.0'));
    expect(err.type).toBe(ErrorType.HttpUnavailable);
    expect(err.nonRetryable).toBe(false);
    expect(err.message).toContain('answered HTTP 503');
    expect(existsSync(templateCachePath(d.dataDir, 'amp-flaky', '2.4.0'))).toBe(false);

    answer503 = false;
    const file = await resolveTemplateFile(d, 'amp-flaky', '2.4.0');
    expect(readFileSync(file, 'utf8')).toMatch(/^kind: Template$/m);
  });

  it('an answer that is not an OpenShift Template is refused and not cached', async () => {
    const d = deps();
    const err = await failure(resolveTemplateFile(d, 'amp-portal', '2.4.0'));
    expect(err.type).toBe(ErrorType.TemplateInvalid);
    expect(err.nonRetryable).toBe(true);
    expect(err.message).toMatch(/did not return an OpenShift Template \(kind: none\); nothing was cached/);
    const cached = templateCachePath(d.dataDir, 'amp-portal', '2.4.0');
    expect(existsSync(cached)).toBe(false);
    // No temp file is left behind either.
    expect(existsSync(dirname(cached)) ? readdirSync(dirname(cached)) : []).toEqual([]);
  });

  it('offline without a cached copy: a retryable failure that says how to work offline', async () => {
    const d = deps('http://127.0.0.1:9');
    const err = await failure(resolveTemplateFile(d, 'amp-eval-tech-preview', '2.4.0'));
    expect(err.type).toBe(ErrorType.HttpUnavailable);
    expect(err.message).toContain('is not cached');
    expect(err.message).toContain('could not be reached');
    expect(err.details?.[0]).toEqual({
      suggestion: `offline: set threescale.template to a template file, or put the file at ${templateCachePath(d.dataDir, 'amp-eval-tech-preview', '2.4.0')}`,
    });
  });
});

describe('AMP_TEMPLATES_URL', () => {
  it('defaults to the upstream repository and accepts a mirror', () => {
    expect(loadRuntimeConfig({}).templatesUrl).toBe(UPSTREAM_TEMPLATES_REPO);
    expect(loadRuntimeConfig({ AMP_TEMPLATES_URL: 'https://mirror.example.com/3scale' }).templatesUrl).toBe('https://mirror.example.com/3scale');
  });

  it('refuses a value that is not an http(s) URL, naming the variable', () => {
    expect(() => loadRuntimeConfig({ AMP_TEMPLATES_URL: 'ftp://mirror' })).toThrow(ConfigError);
    expect(() => loadRuntimeConfig({ AMP_TEMPLATES_URL: 'not a url' })).toThrow(/^AMP_TEMPLATES_URL: /);
  });
});
