import { isoSeconds } from '../clock.js';
import type { Cluster } from '../model/cluster.js';
import type { KubeObject } from '../model/types.js';
import { hashUnit } from '../random.js';
import type { Controller } from './engine.js';
import { credentialHosts, digestReference, imageDigest, registryRefusal, unauthorizedText, withDefaultTag } from './images.js';
import { due, sec } from './util.js';

type SpecTag = { name: string; from?: { kind: string; name: string; namespace?: string } };
type StatusTag = { tag: string; items: unknown[] | null; conditions?: unknown[] };

function setStatusTag(is: KubeObject, entry: StatusTag): void {
  const tags: StatusTag[] = (is.status.tags ??= []);
  const i = tags.findIndex((t) => t.tag === entry.tag);
  if (i >= 0) tags[i] = entry;
  else tags.push(entry);
}

/** The resolved image of `is:tag` (the newest item's dockerImageReference), if the tag resolved. */
export function resolvedTag(c: Cluster, ns: string, isTag: string): string | undefined {
  const [isName, tag = 'latest'] = isTag.split(':');
  const is = c.get(ns, 'ImageStream', isName);
  const entry = (is?.status?.tags as StatusTag[] | undefined)?.find((t) => t.tag === tag);
  const item = entry?.items?.[0] as { dockerImageReference?: string } | undefined;
  return item?.dockerImageReference;
}

/** Imports one DockerImage tag now (the import controller, or `oc import-image`). */
export function importTag(c: Cluster, ns: string, is: KubeObject, tag: SpecTag, fails: boolean): void {
  const image = tag.from!.name;
  const refusal = fails ? { reason: 'Unauthorized', message: unauthorizedText(image) } : registryRefusal(image, credentialHosts(c, ns));
  const generation = is.metadata.generation ?? 1;
  if (refusal) {
    const message = refusal.reason === 'Unauthorized' ? `you may not have access to the Docker image "${withDefaultTag(image)}"` : `Internal error occurred: ${refusal.message}`;
    setStatusTag(is, {
      tag: tag.name,
      items: null,
      conditions: [{ type: 'ImportSuccess', status: 'False', reason: refusal.reason === 'Unauthorized' ? 'Unauthorized' : 'InternalError', message, lastTransitionTime: isoSeconds(c.now), generation }],
    });
  } else {
    setStatusTag(is, { tag: tag.name, items: [{ created: isoSeconds(c.now), dockerImageReference: digestReference(image), image: imageDigest(image), generation }] });
  }
  is.metadata.annotations = { ...(is.metadata.annotations ?? {}), 'openshift.io/image.dockerRepositoryCheck': isoSeconds(c.now) };
  c.touch(is);
}

/** The image import controller: imports DockerImage tags shortly after creation and follows ImageStreamTag aliases. */
export const imageStreamController: Controller = (c, faults) => {
  for (const ns of c.namespaceNames()) {
    for (const is of c.list(ns, 'ImageStream')) {
      const s = (is.__sim ??= { imported: {} as Record<string, boolean> });
      for (const tag of (is.spec?.tags ?? []) as SpecTag[]) {
        if (tag.from?.kind === 'DockerImage' && !s.imported[tag.name]) {
          // Imports run asynchronously a few seconds after the stream is created.
          const at = Date.parse(is.metadata.creationTimestamp ?? '') + sec(3 + 4 * hashUnit(`${ns}/${is.metadata.name}:${tag.name}`));
          if (!due(c, at)) continue;
          s.imported[tag.name] = true;
          importTag(c, ns, is, tag, faults.importFails(ns, is.metadata.name, tag.name));
        } else if (tag.from?.kind === 'ImageStreamTag') {
          const ref = tag.from.name.includes(':') ? tag.from.name : `${is.metadata.name}:${tag.from.name}`;
          const image = resolvedTag(c, tag.from.namespace ?? ns, ref);
          const current = resolvedTag(c, ns, `${is.metadata.name}:${tag.name}`);
          if (image && image !== current) {
            setStatusTag(is, { tag: tag.name, items: [{ created: isoSeconds(c.now), dockerImageReference: image, image: image.split('@')[1] ?? '', generation: is.metadata.generation ?? 1 }] });
            c.touch(is);
          }
        }
      }
    }
  }
};
