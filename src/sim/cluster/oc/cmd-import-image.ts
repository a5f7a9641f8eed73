import { connect } from '../cli/context.js';
import { CliExit } from '../cli/io.js';
import { authorize } from '../api/authz.js';
import { notFound } from '../api/errors.js';
import { resourceForKind } from '../api/resources.js';
import { importTag } from '../controllers/imagestreams.js';
import { mutateCluster } from '../store/session.js';
import type { OcCommand } from './command.js';
import { usageError } from './command.js';

type SpecTag = { name: string; from?: { kind: string; name: string } };

/** `oc import-image IS[:TAG] [--all]`: re-imports an ImageStream's DockerImage tags now (recovery after a failed import). */
export const importImage: OcCommand = {
  path: ['import-image'],
  use: 'oc import-image IMAGESTREAM[:TAG] [flags]',
  short: 'Imports images from a Docker registry',
  flags: [
    { name: 'all', type: 'bool' },
    { name: 'confirm', type: 'bool' },
  ],
  async run(ctx, p) {
    if (p.args.length !== 1) throw usageError(importImage, 'you must specify the name of an image stream');
    const [isName, tag] = p.args[0].split(':');
    const conn = await connect(ctx);
    const failures = await mutateCluster(conn.scope, (c) => {
      if (!c) throw new CliExit(1);
      authorize(c, conn.user, 'update', resourceForKind('ImageStream')!, conn.namespace, isName);
      const is = c.get(conn.namespace, 'ImageStream', isName);
      if (!is) throw notFound('imagestreams.image.openshift.io', isName);
      const tags = ((is.spec?.tags ?? []) as SpecTag[]).filter((t) => t.from?.kind === 'DockerImage' && (tag === undefined || t.name === tag));
      const out: string[] = [];
      for (const t of tags) {
        importTag(c, conn.namespace, is, t, ctx.faults.importFails(conn.namespace, isName, t.name));
        const entry = (is.status?.tags ?? []).find((x: { tag: string }) => x.tag === t.name) as { conditions?: Array<{ message: string }> } | undefined;
        if (entry?.conditions?.length) out.push(`tag ${t.name} failed: ${entry.conditions[0].message}`);
      }
      return out;
    });
    if (failures.length) throw new CliExit(1, failures.map((f) => `error: ${f}`).join('\n'));
    ctx.io.out(`imagestream.image.openshift.io/${isName} imported\n`);
    return 0;
  },
};
