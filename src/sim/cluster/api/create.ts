import type { Cluster } from '../model/cluster.js';
import type { KubeObject } from '../model/types.js';
import { authorize } from './authz.js';
import { applyDefaults } from './defaults.js';
import { ApiError, ClientError, alreadyExists, forbidden, invalid } from './errors.js';
import { resourceForKind, qualifiedPlural } from './resources.js';

/** Thrown when an object's kind is not served (kubectl's "unable to recognize" mapping error). */
export class UnknownKindError extends ClientError {
  constructor(public readonly kind: string, public readonly apiVersion: string) {
    super(`no matches for kind "${kind}" in version "${apiVersion}"`);
    this.name = 'UnknownKindError';
  }
}

/** Admission checks every create goes through: the namespace must exist and not be terminating. */
export function admitNamespace(c: Cluster, ns: string, qualified: string, name: string): void {
  const space = c.ns(ns);
  if (!space) throw new ApiError('NotFound', `namespaces "${ns}" not found`);
  if (space.project.status?.phase === 'Terminating') {
    throw forbidden(qualified, name, `unable to create new content in namespace ${ns} because it is being terminated`);
  }
}

/** Creates one object as the API server would (authorization, admission, AlreadyExists, defaulting). */
export function createObject(c: Cluster, ns: string, input: KubeObject, user: string): KubeObject {
  const r = resourceForKind(input.kind);
  if (!r || r.kind === 'Project' || r.kind === 'Namespace' || r.kind === 'Event' || r.kind === 'ImageStreamTag') throw new UnknownKindError(input.kind, input.apiVersion);
  const obj = JSON.parse(JSON.stringify(input)) as KubeObject;
  obj.metadata ??= { name: '' };
  const target = r.namespaced ? (obj.metadata.namespace ?? ns) : undefined;
  const name = obj.metadata.name ?? '';
  authorize(c, user, 'create', r, target);
  if (!name && !obj.metadata.generateName) throw invalid(r.kind, '', ['metadata.name: Required value: name or generateName is required']);
  if (target !== undefined) admitNamespace(c, target, qualifiedPlural(r), name);
  if (r.kind === 'PersistentVolume') {
    if (c.state.pvs[name]) throw alreadyExists(qualifiedPlural(r), name);
    applyDefaults(c, '', obj);
    obj.status = { phase: 'Available' };
    c.stamp(obj, undefined);
    c.state.pvs[name] = obj;
    return obj;
  }
  if (name && c.get(target!, r.kind, name)) throw alreadyExists(qualifiedPlural(r), name);
  applyDefaults(c, target!, obj);
  return c.add(target!, obj);
}
