import { parseTemplate, type TemplateModel } from '../template/template-model.js';
import { readTemplate } from '../template/template-file.js';
import { cpuMillis, memoryMiB } from './quantity.js';

/** What preflight needs to know about the template it checks against. */
export interface TemplateFacts {
  file: string;
  name: string;
  /** Names of the parameters the template declares. */
  declared: string[];
  /** Parameter values as the install passes them: the spec's, AMP_RELEASE, then the template's defaults. */
  params: Record<string, string>;
  /** Object names by kind (`Secret` → [...]), with parameters substituted. */
  names: Map<string, string[]>;
  /** Tag names of each ImageStream the template defines. */
  imageStreamTags: Map<string, string[]>;
  /** Pods the DeploymentConfigs run (replicas summed). */
  pods: number;
  /** Summed `resources.requests` of the pods (init containers counted as the scheduler does). */
  requests: { memoryMiB: number; cpuMillis: number; containers: number };
  /** Image references pulled from registries (ImageStream imports and container images). */
  images: string[];
  /** Secrets the template's service accounts and pods pull images with. */
  pullSecrets: string[];
}

type Obj = Record<string, unknown>;
interface Container {
  image?: string;
  resources?: { requests?: { memory?: string | number; cpu?: string | number } };
}
interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  imagePullSecrets?: Array<{ name?: string }>;
}

const PARAM_REF = /\$\{\{?([A-Za-z_][A-Za-z0-9_]*)\}?\}/g;

/** The parameter values an install of this template uses (generated ones stay unknown). */
export function templateParams(model: TemplateModel, overrides: Record<string, string>, release: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of model.parameters) if (p.value !== undefined && p.value !== null) out[p.name] = String(p.value);
  if (model.parameters.some((p) => p.name === 'AMP_RELEASE')) out.AMP_RELEASE = release;
  return { ...out, ...overrides };
}

/** Substitutes `${NAME}` and `${{NAME}}` with known values (unknown ones are left as they are). */
export function substitute(text: string, params: Record<string, string>): string {
  return text.replace(PARAM_REF, (whole, name: string) => params[name] ?? whole);
}

/** A copy of a JSON value with parameters substituted in every string. */
function substituteAll(value: unknown, params: Record<string, string>): unknown {
  if (typeof value === 'string') return substitute(value, params);
  if (Array.isArray(value)) return value.map((v) => substituteAll(v, params));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteAll(v, params)]));
  return value;
}

/** The registry host of an image reference (`registry.redhat.io/3scale-amp2/system` → `registry.redhat.io`). */
export function registryOf(image: string): string {
  const first = image.split('/')[0];
  return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? first : 'docker.io';
}

/** Whether a container image names a registry image (not an ImageStreamTag such as `amp-system:latest`). */
function isRegistryImage(image: string): boolean {
  return image.includes('/') && !image.includes('${');
}

function podRequests(spec: PodSpec): { memory: number; cpu: number; containers: number } {
  const of = (c: Container) => ({ memory: memoryMiB(c.resources?.requests?.memory) ?? 0, cpu: cpuMillis(c.resources?.requests?.cpu) ?? 0 });
  const main = (spec.containers ?? []).map(of);
  const init = (spec.initContainers ?? []).map(of);
  // The scheduler reserves the larger of: all app containers together, or the biggest init container.
  const memory = Math.max(main.reduce((s, c) => s + c.memory, 0), ...init.map((c) => c.memory), 0);
  const cpu = Math.max(main.reduce((s, c) => s + c.cpu, 0), ...init.map((c) => c.cpu), 0);
  const containers = [...main, ...init].filter((c) => c.memory > 0 || c.cpu > 0).length;
  return { memory, cpu, containers };
}

/** Reads the template file and works out its objects, requests, images and pull secrets for the spec. */
export function templateFacts(file: string, overrides: Record<string, string>, release: string): TemplateFacts {
  const model = parseTemplate(readTemplate(file));
  const params = templateParams(model, overrides, release);
  const objects = substituteAll(model.objects, params) as Array<Obj & { kind: string; metadata?: { name?: string } }>;
  const names = new Map<string, string[]>();
  const imageStreamTags = new Map<string, string[]>();
  const images = new Set<string>();
  const pullSecrets = new Set<string>();
  const requests = { memoryMiB: 0, cpuMillis: 0, containers: 0 };
  let pods = 0;
  for (const o of objects) {
    const name = o.metadata?.name ?? '';
    names.set(o.kind, [...(names.get(o.kind) ?? []), name]);
    if (o.kind === 'ImageStream') {
      const tags = ((o.spec as Obj | undefined)?.tags ?? []) as Array<{ name?: string; from?: { kind?: string; name?: string } }>;
      imageStreamTags.set(name, tags.map((t) => String(t.name ?? '')));
      for (const t of tags) if (t.from?.kind === 'DockerImage' && t.from.name && !t.from.name.includes('${')) images.add(t.from.name);
    }
    if (o.kind === 'ServiceAccount') {
      for (const s of (o.imagePullSecrets ?? []) as Array<{ name?: string }>) if (s.name) pullSecrets.add(s.name);
    }
    if (o.kind === 'DeploymentConfig') {
      const spec = (o.spec ?? {}) as { replicas?: number | string; template?: { spec?: PodSpec } };
      const replicas = Number(spec.replicas ?? 1);
      const pod = spec.template?.spec ?? {};
      const r = podRequests(pod);
      const n = Number.isFinite(replicas) ? replicas : 1;
      pods += n;
      requests.memoryMiB += n * r.memory;
      requests.cpuMillis += n * r.cpu;
      requests.containers += r.containers;
      for (const c of [...(pod.containers ?? []), ...(pod.initContainers ?? [])]) if (c.image && isRegistryImage(c.image)) images.add(c.image);
      for (const s of pod.imagePullSecrets ?? []) if (s.name) pullSecrets.add(s.name);
    }
  }
  return { file, name: model.name, declared: model.parameters.map((p) => p.name), params, names, imageStreamTags, pods, requests, images: [...images].sort(), pullSecrets: [...pullSecrets].sort() };
}
