import type { KubeObject } from '../model/types.js';

/** A deep copy of an object as the API returns it: simulator bookkeeping (`__sim`) removed. */
export function publicView<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === '__sim' ? undefined : v))) as T;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v as Record<string, unknown>)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

/**
 * JSON as kubectl prints unstructured objects: keys sorted, 4-space indent, Go's HTML-safe escaping of <, > and &,
 * trailing newline.
 */
export function goJson(value: unknown, sorted = true): string {
  const text = JSON.stringify(sorted ? sortKeys(value) : value, null, 4)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
  return `${text}\n`;
}

/** `oc get` wraps every multi-object result in a v1 List. */
export function listOf(items: KubeObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items: items.map((i) => publicView(i)), kind: 'List', metadata: { resourceVersion: '', selfLink: '' } };
}

/** YAML as kubectl prints it (ghodss/yaml: sorted keys, sequences not indented). */
export async function goYaml(value: unknown): Promise<string> {
  const { stringify } = await import('yaml');
  return stringify(sortKeys(value), { indentSeq: false, lineWidth: 0, nullStr: 'null' });
}
