import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { execa } from 'execa';
import { parse } from 'yaml';

/** A secret value the tests look for, with a label that says which one it is (failures print labels, not values). */
export interface KnownSecret {
  label: string;
  value: string;
}

/**
 * `text` followed by every base64 run in it decoded (at each of the four alignments), so that a secret inside an
 * unencrypted payload, a `data:` field or a Basic header is as visible as a plain one.
 */
export function readable(text: string): string {
  const decoded: string[] = [];
  for (const m of text.matchAll(/[A-Za-z0-9+/_-]{8,}={0,2}/g)) {
    for (let i = 0; i < 4; i++) decoded.push(Buffer.from(m[0].slice(i), 'base64').toString('latin1'));
  }
  return [text, ...decoded].join('\n');
}

/** Labels of the secrets that can be read in `text` (plain, JSON-escaped or base64-encoded). */
export function leaksIn(text: string, secrets: readonly KnownSecret[]): string[] {
  const haystack = readable(text);
  return secrets.filter((s) => haystack.includes(s.value)).map((s) => s.label);
}

type Json = Record<string, unknown>;
interface Template {
  objects: Array<{ kind: string; metadata: { name: string } } & Json>;
  parameters: Array<{ name: string; generate?: string }>;
}

/** Every string leaf of `value`, with its path. */
function leaves(value: unknown, path: Array<string | number> = []): Array<{ path: Array<string | number>; text: string }> {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [];
}

function at(value: unknown, path: ReadonlyArray<string | number>): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], value);
}

/** The live value at a template leaf's path: Secret `stringData` lives base64-encoded under `data`. */
function liveText(live: Json, kind: string, path: ReadonlyArray<string | number>): string | undefined {
  if (kind === 'Secret' && path[0] === 'stringData') {
    const data = at(live, ['data', path[1]]);
    return typeof data === 'string' ? Buffer.from(data, 'base64').toString('utf8') : undefined;
  }
  const v = at(live, path);
  return typeof v === 'string' ? v : undefined;
}

const RESOURCE: Record<string, string> = { Secret: 'secrets', DeploymentConfig: 'deploymentconfigs', ConfigMap: 'configmaps' };

/**
 * The values the cluster generated for the template's `generate: expression` parameters, read back from the
 * live objects of `project` (secrets, DeploymentConfig env and hook commands) by matching each template string
 * that embeds `${PARAM}` against the live one. Runs `oc` with `env` (the simulator's).
 */
export async function generatedSecrets(env: NodeJS.ProcessEnv, project: string, templateFile: string): Promise<KnownSecret[]> {
  const template = parse(readFileSync(templateFile, 'utf8')) as Template;
  const generated = new Set(template.parameters.filter((p) => p.generate).map((p) => p.name));
  const found = new Map<string, string>();
  const liveByKind = new Map<string, Json[]>();
  for (const obj of template.objects) {
    const refs = leaves(obj).filter((l) => [...l.text.matchAll(/\$\{([A-Z0-9_]+)\}/g)].some((m) => generated.has(m[1])));
    if (refs.length === 0) continue;
    if (!liveByKind.has(obj.kind)) {
      const resource = RESOURCE[obj.kind] ?? `${obj.kind.toLowerCase()}s`;
      const { stdout } = await execa('oc', ['get', resource, '-n', project, '-o', 'json'], { env, extendEnv: false });
      liveByKind.set(obj.kind, (JSON.parse(stdout) as { items: Json[] }).items);
    }
    const live = liveByKind.get(obj.kind)!.find((o) => (o.metadata as { name: string }).name === obj.metadata.name);
    if (!live) throw new Error(`${obj.kind} ${obj.metadata.name} is not in project ${project}`);
    for (const ref of refs) {
      const text = liveText(live, obj.kind, ref.path);
      if (text === undefined) throw new Error(`${obj.kind} ${obj.metadata.name} has nothing at ${ref.path.join('.')}`);
      const names: string[] = [];
      const pattern = ref.text.split(/(\$\{[A-Z0-9_]+\})/).map((part) => {
        const m = /^\$\{([A-Z0-9_]+)\}$/.exec(part);
        if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(m[1]);
        return '(.*?)';
      });
      const match = new RegExp(`^${pattern.join('')}$`, 's').exec(text);
      if (!match) throw new Error(`${obj.kind} ${obj.metadata.name} at ${ref.path.join('.')} does not match its template`);
      names.forEach((name, i) => {
        if (generated.has(name)) found.set(name, match[i + 1]);
      });
    }
  }
  const missing = [...generated].filter((n) => !found.get(n));
  if (missing.length > 0) throw new Error(`no live value found for generated parameters ${missing.join(', ')}`);
  return [...found].map(([label, value]) => ({ label, value }));
}

/** Every application user_key and access token in the simulator's 3scale databases (`$AMP_SIM_HOME/threescale/`). */
export function threescaleSecrets(simHome: string): KnownSecret[] {
  const dir = join(simHome, 'threescale');
  const out: KnownSecret[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const db = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
      applications: Array<{ id: number; name: string; userKey: string }>;
      tokens: Array<{ name: string; value: string }>;
    };
    for (const a of db.applications) out.push({ label: `user_key of application "${a.name}"`, value: a.userKey });
    for (const t of db.tokens) out.push({ label: `access token "${t.name}"`, value: t.value });
  }
  return out;
}
