import { parse } from 'yaml';

/** The parts of an OpenShift Template the installer reads itself (the cluster processes the rest). */
export interface TemplateModel {
  name: string;
  parameters: Array<{ name: string; value?: string; generate?: string; required?: boolean }>;
  objects: Array<{ kind: string; metadata: { name: string }; stringData?: Record<string, string>; data?: Record<string, string> }>;
}

/** Parses a template file's text (YAML or JSON). Throws a plain Error on anything that is not a Template. */
export function parseTemplate(text: string): TemplateModel {
  const doc = parse(text) as Partial<TemplateModel> & { kind?: string; metadata?: { name?: string } };
  if (doc?.kind !== 'Template') throw new Error('not an OpenShift Template (kind is not Template)');
  return { name: doc.metadata?.name ?? '', parameters: doc.parameters ?? [], objects: doc.objects ?? [] };
}

/** Parameter names the template declares (the spec's `threescale.parameters` must use only these). */
export function parameterNames(model: TemplateModel): Set<string> {
  return new Set(model.parameters.map((p) => p.name));
}

/** The value a parameter has unless overridden: its default, or undefined for generated/empty ones. */
export function parameterDefault(model: TemplateModel, name: string): string | undefined {
  return model.parameters.find((p) => p.name === name)?.value;
}

/** Matches a live string against a template string embedding `${PARAM}`s; records the generated ones it finds. */
function matchField(template: string, live: string, generated: Set<string>, found: Record<string, string>): void {
  const names: string[] = [];
  const pattern = template.split(/(\$\{[A-Z0-9_]+\})/).map((part) => {
    const m = /^\$\{([A-Z0-9_]+)\}$/.exec(part);
    if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    names.push(m[1]);
    return '(.*?)';
  });
  const match = new RegExp(`^${pattern.join('')}$`, 's').exec(live);
  if (match) names.forEach((n, i) => generated.has(n) && (found[n] ??= match[i + 1]));
}

const named = (x: unknown): x is { name: string } => typeof x === 'object' && x !== null && typeof (x as { name?: unknown }).name === 'string';

/** Walks a template object and its live counterpart side by side (list items with a `name` are paired by name). */
function walk(template: unknown, live: unknown, generated: Set<string>, found: Record<string, string>): void {
  if (typeof template === 'string') {
    if (typeof live === 'string' && template.includes('${')) matchField(template, live, generated, found);
  } else if (Array.isArray(template)) {
    if (!Array.isArray(live)) return;
    template.forEach((t, i) => walk(t, named(t) ? live.find((l) => named(l) && l.name === t.name) : live[i], generated, found));
  } else if (typeof template === 'object' && template !== null && typeof live === 'object' && live !== null) {
    for (const [k, t] of Object.entries(template)) walk(t, (live as Record<string, unknown>)[k], generated, found);
  }
}

/**
 * Reads the generated parameter values back from the objects a first `oc new-app` created: every field whose
 * template value embeds a generated `${PARAM}` is matched against the live value — a Secret's
 * `mysql2://root:${MYSQL_ROOT_PASSWORD}@system-mysql/...`, but also a DeploymentConfig's env value or hook
 * command (2.4's system-mysql DC holds MYSQL_PASSWORD inline, and no secret does). This is how a partial deploy
 * is completed with the values the rest of the install already uses. Secrets are given with `stringData` decoded.
 */
export function recoverParameters(model: TemplateModel, live: Array<{ kind: string; metadata: { name: string } }>): Record<string, string> {
  const generated = new Set(model.parameters.filter((p) => p.generate).map((p) => p.name));
  const found: Record<string, string> = {};
  for (const obj of model.objects) {
    const counterpart = live.find((l) => l.kind === obj.kind && l.metadata.name === obj.metadata.name);
    if (counterpart) walk(obj, counterpart, generated, found);
  }
  return found;
}
