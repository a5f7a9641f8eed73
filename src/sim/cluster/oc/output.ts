import { ClientError } from '../api/errors.js';
import { qualifiedKind, resourceForKind } from '../api/resources.js';
import type { KubeObject } from '../model/types.js';
import { goJson, goYaml, listOf, publicView } from '../printers/json.js';
import { JsonPathError, renderJsonPath } from '../printers/jsonpath.js';

/** A parsed `-o` value. */
export type OutputFormat = { kind: 'table'; wide: boolean } | { kind: 'json' } | { kind: 'yaml' } | { kind: 'name' } | { kind: 'jsonpath'; template: string };

const ALLOWED = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-file,name,template,templatefile,wide,yaml';

/** Parses `-o`; unknown formats get kubectl's printer error. */
export function parseOutput(raw: string | undefined): OutputFormat {
  if (raw === undefined || raw === '') return { kind: 'table', wide: false };
  if (raw === 'wide') return { kind: 'table', wide: true };
  if (raw === 'json' || raw === 'yaml' || raw === 'name') return { kind: raw };
  if (raw.startsWith('jsonpath=')) return { kind: 'jsonpath', template: raw.slice('jsonpath='.length) };
  throw new ClientError(`unable to match a printer suitable for the output format "${raw}", allowed formats are: ${ALLOWED}`);
}

/** `<kind>.<group>/<name>` (the name printer). */
export function nameOf(o: KubeObject): string {
  const r = resourceForKind(o.kind);
  return `${r ? qualifiedKind(r) : o.kind.toLowerCase()}/${o.metadata.name}`;
}

/** Prints objects in a machine format: a bare object when `single`, else a v1 List. */
export async function printStructured(fmt: Exclude<OutputFormat, { kind: 'table' }>, objects: KubeObject[], single: boolean): Promise<string> {
  if (fmt.kind === 'name') return objects.map((o) => `${nameOf(o)}\n`).join('');
  const data = single && objects.length === 1 ? publicView(objects[0]) : listOf(objects);
  if (fmt.kind === 'json') return goJson(data);
  if (fmt.kind === 'yaml') return goYaml(data);
  try {
    return renderJsonPath(fmt.template, JSON.parse(JSON.stringify(data)));
  } catch (err) {
    if (err instanceof JsonPathError) throw new ClientError(`error executing jsonpath "${fmt.template}": ${err.message}`);
    throw err;
  }
}
