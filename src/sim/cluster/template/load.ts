import { existsSync, readFileSync, statSync } from 'node:fs';

import { cachedParse, storeParsed } from '../store/parse-cache.js';
import type { Template } from './process.js';

/** Why a template file could not be used, with the text new-app/process print. */
export class TemplateFileError extends Error {
  constructor(
    message: string,
    /** `missing`: new-app prints its generic help block after the message. */
    public readonly reason: 'missing' | 'decode' | 'not-template' | 'multiple',
  ) {
    super(message);
    this.name = 'TemplateFileError';
  }
}

/** Reads a template file (YAML or JSON; a v1 List with exactly one Template is accepted too). */
export async function loadTemplateFile(path: string): Promise<Template> {
  if (!existsSync(path) || statSync(path).isDirectory()) throw new TemplateFileError(`unable to locate any template files with name "${path}"`, 'missing');
  const cached = cachedParse('template', path);
  return asTemplate(cached ? cached.doc : await parseText(path, readFileSync(path, 'utf8')), path);
}

async function parseText(path: string, text: string): Promise<unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (jsonErr) {
    if (text.trimStart().startsWith('{')) throw new TemplateFileError(`unable to load template file "${path}": ${(jsonErr as Error).message}`, 'decode');
    const { parse } = await import('yaml');
    try {
      doc = parse(text);
    } catch (err) {
      throw new TemplateFileError(`unable to load template file "${path}": error converting YAML to JSON: ${(err as Error).message.split('\n')[0]}`, 'decode');
    }
  }
  storeParsed('template', path, doc);
  return doc;
}

function asTemplate(doc: unknown, path: string): Template {
  let obj = doc as { kind?: string; items?: unknown[] } | null;
  if (obj?.kind === 'List') {
    if ((obj.items ?? []).length !== 1) throw new TemplateFileError(`there is more than one object in "${path}"`, 'multiple');
    obj = obj.items![0] as { kind?: string };
  }
  if (!obj || typeof obj !== 'object' || obj.kind !== 'Template') throw new TemplateFileError(`object in "${path}" is not a template`, 'not-template');
  const t = obj as unknown as Template;
  t.objects ??= [];
  t.parameters ??= [];
  return t;
}

const ENV_NAME_MSG =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

/** Parses `K=V` parameter assignments (oc's ParseEnvironment); duplicates are reported, the first value wins. */
export function parseParamArgs(raw: readonly string[]): { values: Array<[string, string]>; duplicates: string[]; invalid: string | undefined } {
  const values: Array<[string, string]> = [];
  const duplicates: string[] = [];
  for (const item of raw) {
    const eq = item.indexOf('=');
    const key = eq > 0 ? item.slice(0, eq) : '';
    if (eq <= 0) return { values, duplicates, invalid: `invalid parameter assignment in "${item}", []` };
    if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(key)) return { values, duplicates, invalid: `invalid parameter assignment in "${item}", [${ENV_NAME_MSG}]` };
    if (values.some(([k]) => k === key)) duplicates.push(key);
    else values.push([key, item.slice(eq + 1)]);
  }
  return { values, duplicates, invalid: undefined };
}
