import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { ApplicationFailure } from '@temporalio/common';

import { ErrorType } from '../../shared/errors.js';
import { isTemplatePath, upstreamTemplateUrl } from '../../shared/template-source.js';
import type { ActivityDeps } from '../deps.js';

/** Where the upstream template of a release is cached: `<data dir>/templates/<release>/<name>.yml`. */
export function templateCachePath(dataDir: string, name: string, release: string): string {
  return join(dataDir, 'templates', release, `${name}.yml`);
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
  const url = upstreamTemplateUrl(template, release);
  let text: string;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    text = await res.text();
  } catch (err) {
    throw notFound(
      `template ${template} of 3scale ${release} is not cached (${cached}) and could not be fetched from ${url}: ${(err as Error).message}`,
      `offline: set threescale.template to a template file, or put the file at ${cached}`,
    );
  }
  mkdirSync(dirname(cached), { recursive: true });
  writeFileSync(`${cached}.tmp`, text);
  renameSync(`${cached}.tmp`, cached);
  return cached;
}

/** The template file's text. */
export function readTemplate(file: string): string {
  return readFileSync(file, 'utf8');
}
