import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { ApplicationFailure } from '@temporalio/common';
import { request } from 'undici';
import { parse as parseYaml } from 'yaml';

import { ErrorType } from '../../shared/errors.js';
import { isTemplatePath, upstreamTemplateUrl } from '../../shared/template-source.js';
import type { ActivityDeps } from '../deps.js';

/** Where the upstream template of a release is cached: `<data dir>/templates/<release>/<name>.yml`. */
export function templateCachePath(dataDir: string, name: string, release: string): string {
  return join(dataDir, 'templates', release, `${name}.yml`);
}

function fetchFailed(message: string, suggestion: string): ApplicationFailure {
  return ApplicationFailure.create({ type: ErrorType.HttpUnavailable, message, details: [{ suggestion }] });
}

function notFound(message: string, suggestion: string): ApplicationFailure {
  return ApplicationFailure.create({ type: ErrorType.TemplateNotFound, nonRetryable: true, message, details: [{ suggestion }] });
}

/**
 * The template file to deploy: the spec's path, or the upstream template of the release from the cache —
 * fetched from 3scale/3scale-amp-openshift-templates once when it is not cached yet.
 */
export async function resolveTemplateFile(deps: ActivityDeps, template: string, release: string): Promise<string> {
  if (isTemplatePath(template)) {
    if (!existsSync(template)) {
      throw notFound(`template file ${template} does not exist`, 'fix threescale.template (resume with --set threescale.template=/path/to/template.yml)');
    }
    return template;
  }
  const cached = templateCachePath(deps.dataDir, template, release);
  if (existsSync(cached)) return cached;
  const url = upstreamTemplateUrl(template, release, deps.templatesUrl);
  const offline = `offline: set threescale.template to a template file, or put the file at ${cached}`;
  let status: number;
  let text: string;
  try {
    // undici's default agent verifies certificates (unlike the route client, which talks to self-signed routers).
    const res = await request(url, { headersTimeout: 30_000, bodyTimeout: 30_000 });
    status = res.statusCode;
    text = await res.body.text();
  } catch (err) {
    throw fetchFailed(`template ${template} of 3scale ${release} is not cached (${cached}) and ${url} could not be reached: ${(err as Error).message}`, offline);
  }
  if (status === 404) {
    throw notFound(`there is no template ${template} for 3scale ${release}: ${url} answered 404`, 'check threescale.template and threescale.release (a template name is a file name under amp/ at the release tag, e.g. amp or amp-eval-tech-preview)');
  }
  if (status !== 200) {
    // 5xx, 429 and friends pass; other 4xx (403 from a mirror) will not, but a retry costs little and the step pauses after its attempts.
    throw fetchFailed(`template ${template} of 3scale ${release} is not cached (${cached}) and ${url} answered HTTP ${status}`, offline);
  }
  // Only a real OpenShift Template is cached: a captive portal's or a mirror's HTML page must not stick.
  let kind: unknown;
  try {
    kind = (parseYaml(text) as { kind?: unknown } | null)?.kind;
  } catch {
    kind = undefined;
  }
  if (kind !== 'Template') {
    throw ApplicationFailure.create({
      type: ErrorType.TemplateInvalid,
      nonRetryable: true,
      message: `${url} did not return an OpenShift Template (kind: ${typeof kind === 'string' ? kind : 'none'}); nothing was cached`,
      details: [{ suggestion: `check AMP_TEMPLATES_URL, or put the template at ${cached}` }],
    });
  }
  mkdirSync(dirname(cached), { recursive: true });
  // Write then rename: a crash half-way never leaves a truncated template in the cache.
  // The temp name is the process's own: two steps fetching at once never write into one file.
  const tmp = `${cached}.${process.pid}.${randomUUID()}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, cached);
  return cached;
}

/** The template file's text. */
export function readTemplate(file: string): string {
  return readFileSync(file, 'utf8');
}
