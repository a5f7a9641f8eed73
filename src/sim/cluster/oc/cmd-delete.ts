import { connect } from '../cli/context.js';
import { bool } from '../cli/flags.js';
import { CliExit } from '../cli/io.js';
import { realSleep } from '../clock.js';
import { authorize } from '../api/authz.js';
import { ClientError, notFound } from '../api/errors.js';
import type { ResourceInfo } from '../api/resources.js';
import { qualifiedKind, qualifiedPlural, resourceForName } from '../api/resources.js';
import { dcReplicationControllers } from '../controllers/deploymentconfigs.js';
import { deletePod, terminateProject } from '../controllers/namespaces.js';
import { releaseClaims } from '../controllers/volumes.js';
import type { Cluster } from '../model/cluster.js';
import { mutateCluster, readCluster } from '../store/session.js';
import type { OcCommand } from './command.js';
import { usageError } from './command.js';

function exists(c: Cluster, r: ResourceInfo, ns: string, name: string): boolean {
  if (r.kind === 'Project' || r.kind === 'Namespace') return c.ns(name) !== undefined;
  if (r.kind === 'PersistentVolume') return c.state.pvs[name] !== undefined;
  return c.get(ns, r.kind, name) !== undefined;
}

/** Starts the deletion of one object (projects terminate, pods get a grace period, DCs take their RCs and pods). */
function startDelete(c: Cluster, r: ResourceInfo, ns: string, name: string): void {
  switch (r.kind) {
    case 'Project':
    case 'Namespace':
      terminateProject(c, name);
      return;
    case 'Pod':
      deletePod(c, ns, name, 3);
      return;
    case 'PersistentVolume':
      delete c.state.pvs[name];
      c.dirty = true;
      return;
    case 'DeploymentConfig':
      for (const rc of dcReplicationControllers(c, ns, name)) {
        for (const pod of c.list(ns, 'Pod')) if (pod.metadata.ownerReferences?.some((o) => o.uid === rc.metadata.uid)) deletePod(c, ns, pod.metadata.name, 3);
        c.remove(ns, 'ReplicationController', rc.metadata.name);
      }
      break;
    case 'PersistentVolumeClaim':
      releaseClaims(c, ns, name);
      break;
    default:
      break;
  }
  c.remove(ns, r.kind, name);
}

/** `oc delete TYPE NAME` / `oc delete TYPE/NAME` (openshift-cli.md §13): waits until gone unless --wait=false. */
export const del: OcCommand = {
  path: ['delete'],
  use: 'oc delete ([-f FILENAME] | TYPE [(NAME | -l label | --all)])',
  short: 'Delete one or more resources',
  flags: [
    { name: 'wait', type: 'bool' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'grace-period', type: 'int' },
    { name: 'now', type: 'bool' },
  ],
  async run(ctx, p) {
    if (p.args.length === 0) throw usageError(del, 'You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'');
    const targets = p.args[0].includes('/') ? p.args.map((a) => a.split('/', 2) as [string, string]) : p.args.slice(1).map((n) => [p.args[0], n] as [string, string]);
    if (targets.length === 0) throw new ClientError('resource(s) were provided, but no name, label selector, or --all flag specified');
    const conn = await connect(ctx);
    const deleted: Array<{ r: ResourceInfo; name: string }> = [];
    const errors: string[] = [];
    for (const [type, name] of targets) {
      const r = resourceForName(type);
      if (!r) throw new ClientError(`the server doesn't have a resource type "${type}"`);
      await mutateCluster(conn.scope, (c) => {
        if (!c) throw new CliExit(1);
        authorize(c, conn.user, 'delete', r, r.kind === 'Project' ? name : conn.namespace, name);
        if (!exists(c, r, conn.namespace, name)) {
          if (!bool(p, 'ignore-not-found')) errors.push(`Error from server (NotFound): ${notFound(qualifiedPlural(r), name).message}`);
          return;
        }
        startDelete(c, r, conn.namespace, name);
        deleted.push({ r, name });
      });
    }
    for (const d of deleted) ctx.io.out(`${qualifiedKind(d.r)} "${d.name}" deleted\n`);
    if (deleted.length === 0 && errors.length === 0 && bool(p, 'ignore-not-found')) ctx.io.out('No resources found\n');
    if (bool(p, 'wait', true)) {
      for (;;) {
        const c = await readCluster(conn.scope);
        if (!c || deleted.every((d) => !exists(c, d.r, conn.namespace, d.name))) break;
        await realSleep(100);
      }
    }
    if (errors.length) throw new CliExit(1, errors.join('\n'));
    return 0;
  },
};
