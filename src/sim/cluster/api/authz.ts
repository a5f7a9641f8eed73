import type { Cluster } from '../model/cluster.js';
import { ApiError } from './errors.js';
import type { ResourceInfo } from './resources.js';
import { qualifiedPlural } from './resources.js';

/** True when the user may work in a project: cluster-admin everywhere, others in projects they requested. */
export function isMember(c: Cluster, user: string, ns: string): boolean {
  if (user === 'system:admin') return true;
  const p = c.ns(ns)?.project;
  return p !== undefined && user !== 'system:anonymous' && p.metadata.annotations?.['openshift.io/requester'] === user;
}

/** Throws the RBAC Forbidden error unless the user may `verb` the resource in `ns` (or cluster-wide when undefined). */
export function authorize(c: Cluster, user: string, verb: string, r: ResourceInfo, ns: string | undefined, name?: string): void {
  if (user === 'system:admin') return;
  if (ns !== undefined && r.namespaced && isMember(c, user, ns)) return;
  const scope = ns !== undefined && r.namespaced ? `in the namespace "${ns}"` : 'at the cluster scope';
  const what = qualifiedPlural(r);
  const reason = `User "${user}" cannot ${verb} ${what} ${scope}: no RBAC policy matched`;
  throw new ApiError('Forbidden', name === undefined ? `${what} is forbidden: ${reason}` : `${what} "${name}" is forbidden: ${reason}`);
}
