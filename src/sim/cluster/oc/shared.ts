import type { Connection, OcContext } from '../cli/context.js';
import type { KubeConfig } from '../kubeconfig.js';
import { upsert, writeKubeConfig } from '../kubeconfig.js';
import type { Cluster } from '../model/cluster.js';
import type { KubeObject } from '../model/types.js';
import { isMember } from '../api/authz.js';
import { clusterNick } from '../vm-ip.js';

/** Projects the user can see, sorted by name (cluster-admin sees all). */
export function visibleProjects(c: Cluster, user: string): KubeObject[] {
  return c
    .namespaceNames()
    .filter((n) => isMember(c, user, n))
    .sort()
    .map((n) => c.ns(n)!.project);
}

/** `Display Name (name)` or just the name (oc's DisplayNameForProject). */
export function displayNameForProject(p: KubeObject): string {
  const dn = p.metadata.annotations?.['openshift.io/display-name'] || p.metadata.annotations?.displayName || '';
  return dn && dn !== p.metadata.name ? `${dn} (${p.metadata.name})` : p.metadata.name;
}

/** The short user name of a kubeconfig auth-info name (`system:admin/127-0-0-2:8443` → `system:admin`). */
export const userNick = (authInfo: string): string => authInfo.split('/')[0];

/** Points the kubeconfig at `<project>/<cluster>/<user>` (creating that context) and saves it; returns the context name. */
export async function useProjectContext(ctx: OcContext, cfg: KubeConfig, o: { ip: string; user: string; authInfo: string; project: string }): Promise<string> {
  const nick = clusterNick(o.ip);
  const name = `${o.project}/${nick}/${userNick(o.user)}`;
  upsert(cfg.contexts, { name, context: { cluster: nick, namespace: o.project, user: o.authInfo } });
  cfg['current-context'] = name;
  await writeKubeConfig(ctx.global.kubeconfig, cfg);
  return name;
}

/** Same, for an established connection. */
export function switchProject(ctx: OcContext, conn: Connection, project: string): Promise<string> {
  return useProjectContext(ctx, conn.kubeconfig, { ip: conn.ip, user: conn.user, authInfo: conn.resolved.userName, project });
}
