import type { Cluster } from '../model/cluster.js';
import type { KubeObject } from '../model/types.js';
import { isMember } from './authz.js';
import { namespaceOf } from './projects.js';
import type { ResourceInfo } from './resources.js';

type StatusTag = { tag: string; items?: Array<{ created: string; dockerImageReference: string; image: string; generation?: number }> | null; conditions?: unknown[] };

/** The virtual ImageStreamTag objects of a namespace (one per resolved tag). */
function imageStreamTags(c: Cluster, ns: string): KubeObject[] {
  const out: KubeObject[] = [];
  for (const is of c.list(ns, 'ImageStream')) {
    for (const t of (is.status?.tags ?? []) as StatusTag[]) {
      const item = t.items?.[0];
      if (!item) continue;
      const spec = (is.spec?.tags ?? []).find((x: { name: string }) => x.name === t.tag) ?? null;
      out.push({
        apiVersion: 'image.openshift.io/v1',
        kind: 'ImageStreamTag',
        metadata: { name: `${is.metadata.name}:${t.tag}`, namespace: ns, creationTimestamp: item.created, resourceVersion: is.metadata.resourceVersion, uid: is.metadata.uid, selfLink: `/apis/image.openshift.io/v1/namespaces/${ns}/imagestreamtags/${is.metadata.name}:${t.tag}` },
        generation: item.generation ?? 1,
        lookupPolicy: is.spec?.lookupPolicy ?? { local: false },
        tag: spec,
        image: { metadata: { name: item.image, creationTimestamp: item.created }, dockerImageReference: item.dockerImageReference, dockerImageMetadata: { kind: 'DockerImage', apiVersion: '1.0' } },
      });
    }
  }
  return out;
}

/** Objects of a resource in a namespace (or every namespace when `ns` is undefined); cluster-scoped kinds ignore `ns`. */
export function listObjects(c: Cluster, r: ResourceInfo, ns: string | undefined, user: string): KubeObject[] {
  switch (r.kind) {
    case 'Project':
      return c.namespaceNames().filter((n) => isMember(c, user, n)).sort().map((n) => c.ns(n)!.project);
    case 'Namespace':
      return c.namespaceNames().sort().map((n) => namespaceOf(c.ns(n)!.project));
    case 'PersistentVolume':
      return Object.values(c.state.pvs).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    default: {
      const spaces = ns === undefined ? c.namespaceNames().sort() : [ns];
      const byName = (a: KubeObject, b: KubeObject): number => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0);
      return spaces.flatMap((n) => (r.kind === 'ImageStreamTag' ? imageStreamTags(c, n) : c.list(n, r.kind)).sort(byName));
    }
  }
}

/** One object by name, or undefined. */
export function getObject(c: Cluster, r: ResourceInfo, ns: string, name: string, user: string): KubeObject | undefined {
  if (r.kind === 'ImageStreamTag') return imageStreamTags(c, ns).find((o) => o.metadata.name === (name.includes(':') ? name : `${name}:latest`));
  return listObjects(c, r, r.namespaced ? ns : undefined, user).find((o) => o.metadata.name === name);
}
