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

/**
 * Reads generated parameter values back from live secrets: every Secret key whose template value embeds
 * `${PARAM}` is matched against the live value, e.g. `mysql2://root:${MYSQL_ROOT_PASSWORD}@system-mysql/...`.
 * This is how a partial deploy is completed with the values the first `oc new-app` generated.
 */
export function recoverParameters(model: TemplateModel, liveSecrets: Map<string, Record<string, string>>): Record<string, string> {
  const found: Record<string, string> = {};
  for (const obj of model.objects) {
    if (obj.kind !== 'Secret') continue;
    const live = liveSecrets.get(obj.metadata.name);
    if (!live) continue;
    for (const [key, tmpl] of Object.entries(obj.stringData ?? {})) {
      const value = live[key];
      if (value === undefined || !tmpl.includes('${')) continue;
      const names: string[] = [];
      const pattern = tmpl.split(/(\$\{[A-Z0-9_]+\})/).map((part) => {
        const m = /^\$\{([A-Z0-9_]+)\}$/.exec(part);
        if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(m[1]);
        return '(.*?)';
      });
      const match = new RegExp(`^${pattern.join('')}$`, 's').exec(value);
      if (match) names.forEach((n, i) => (found[n] ??= match[i + 1]));
    }
  }
  return found;
}
