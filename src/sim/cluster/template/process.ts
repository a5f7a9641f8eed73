import type { KubeObject } from '../model/types.js';
import { invalid } from '../api/errors.js';
import { generateExpression } from './generate.js';

/** A template parameter as the file declares it. */
export interface TemplateParameter {
  name: string;
  displayName?: string;
  description?: string;
  value?: string;
  generate?: string;
  from?: string;
  required?: boolean;
}

/** An OpenShift Template. */
export interface Template {
  apiVersion: string;
  kind: 'Template';
  metadata: { name: string; namespace?: string; annotations?: Record<string, string>; [k: string]: unknown };
  message?: string;
  parameters?: TemplateParameter[];
  objects: KubeObject[];
  labels?: Record<string, string>;
}

/** Thrown for a `--param` name the template does not declare. */
export class UnknownParameterError extends Error {
  constructor(public readonly param: string) {
    super(`unexpected parameter name "${param}"`);
    this.name = 'UnknownParameterError';
  }
}

/** Sets user values: the value wins and the generator is cleared (as new-app / process do). */
export function applyParameterValues(t: Template, values: ReadonlyArray<[string, string]>): void {
  for (const [name, value] of values) {
    const p = t.parameters?.find((x) => x.name === name);
    if (!p) throw new UnknownParameterError(name);
    p.value = value;
    p.generate = undefined;
  }
}

/** Server-side processing: generates `from:` values, checks required parameters, substitutes into the objects. */
export function processTemplate(template: Template): Template {
  const t = JSON.parse(JSON.stringify(template)) as Template;
  const params = t.parameters ?? [];
  const errors: string[] = [];
  params.forEach((p, i) => {
    if (p.generate === 'expression' && !p.value) p.value = generateExpression(p.from ?? '');
    if (p.required && !p.value) {
      errors.push(`template.parameters[${i}]: Required value: template.parameters[${i}]: parameter ${p.name} is required and must be specified`);
    }
  });
  if (errors.length) {
    const err = invalid('Template.template.openshift.io', t.metadata.name, [errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`]);
    throw err;
  }
  const values = new Map(params.map((p) => [p.name, p.value ?? '']));
  const substitute = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const exact = /^\$\{\{([a-zA-Z0-9_]+)\}\}$/.exec(v);
      if (exact && values.has(exact[1])) {
        const raw = values.get(exact[1])!;
        try {
          return JSON.parse(raw) as unknown;
        } catch {
          return raw;
        }
      }
      return v.replace(/\$\{\{?([a-zA-Z0-9_]+)\}?\}/g, (m, name: string) => (values.has(name) ? values.get(name)! : m));
    }
    if (Array.isArray(v)) return v.map(substitute);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x)]));
    return v;
  };
  t.objects = t.objects.map((o) => {
    const obj = substitute(o) as KubeObject;
    if (t.labels) obj.metadata.labels = { ...t.labels, ...(obj.metadata.labels ?? {}) };
    return obj;
  });
  if (t.message) t.message = substitute(t.message) as string;
  return t;
}
