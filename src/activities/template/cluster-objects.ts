import type { ActivityDeps } from '../deps.js';
import { cliFailure, runCli } from '../lib/run-cli.js';

/** A Kubernetes object as `oc get -o json` / `oc process -o json` print it (only what we read). */
export interface KubeObject {
  apiVersion?: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  data?: Record<string, string>;
  [key: string]: unknown;
}

/** The resource name `oc get` takes for a kind (lower-case plural, as oc's short forms). */
export function resourceOf(kind: string): string {
  const special: Record<string, string> = { ImageStream: 'imagestreams', DeploymentConfig: 'deploymentconfigs', PersistentVolumeClaim: 'persistentvolumeclaims' };
  return special[kind] ?? `${kind.toLowerCase()}s`;
}

/** `oc get RESOURCE -n PROJECT -o json` → its items. */
export async function listObjects(deps: ActivityDeps, project: string, resource: string): Promise<KubeObject[]> {
  const res = await runCli(deps, { cli: 'oc', args: ['get', resource, '-n', project, '-o', 'json'], timeoutMs: 120_000 });
  if (res.exitCode !== 0) throw cliFailure(deps, res, `oc get ${resource} -n ${project} failed`);
  return (JSON.parse(res.stdout) as { items?: KubeObject[] }).items ?? [];
}

/**
 * The existing objects of each kind among `kinds`. Secrets come with their `data` decoded into `stringData`, as
 * templates write them (the values stay in memory; never logged or returned).
 */
export async function existingObjects(deps: ActivityDeps, project: string, kinds: Iterable<string>): Promise<KubeObject[]> {
  const out: KubeObject[] = [];
  for (const kind of kinds) {
    for (const item of await listObjects(deps, project, resourceOf(kind))) {
      // `oc get` lists carry no kind on their items in every version: set it from what was asked.
      const obj: KubeObject = { ...item, kind };
      if (kind === 'Secret') obj.stringData = Object.fromEntries(Object.entries(item.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
      out.push(obj);
    }
  }
  return out;
}
