import type { Connection } from '../cli/context.js';
import { connect } from '../cli/context.js';
import { bool, int } from '../cli/flags.js';
import { CliExit } from '../cli/io.js';
import { realSleep } from '../clock.js';
import { authorize } from '../api/authz.js';
import { ClientError, notFound } from '../api/errors.js';
import { resourceForKind, resourceForName } from '../api/resources.js';
import { instantiate, rcPhase } from '../controllers/deploymentconfigs.js';
import { deletePod } from '../controllers/namespaces.js';
import type { Cluster } from '../model/cluster.js';
import type { KubeObject } from '../model/types.js';
import { hashUnit } from '../random.js';
import { mutateCluster, readCluster } from '../store/session.js';
import type { OcCommand } from './command.js';
import { usageError } from './command.js';
import { rolloutStatusLine } from './rollout-status.js';

const DC = resourceForKind('DeploymentConfig')!;

/** `dc/NAME`, `deploymentconfig/NAME` or `dc NAME` → the DC name. */
function dcName(cmd: OcCommand, args: string[], requiredMsg: string): string {
  if (args.length === 0) throw usageError(cmd, requiredMsg);
  const [type, name] = args[0].includes('/') ? args[0].split('/', 2) : [args[0], args[1]];
  const r = resourceForName(type);
  if (!r) throw new ClientError(`the server doesn't have a resource type "${type}"`);
  if (r.kind !== 'DeploymentConfig') throw new ClientError(`no status viewer has been implemented for ${r.kind}`);
  if (!name) throw usageError(cmd, requiredMsg);
  return name;
}

function getDc(c: Cluster, conn: Connection, name: string, verb: string): KubeObject {
  authorize(c, conn.user, verb, DC, conn.namespace, name);
  const dc = c.get(conn.namespace, 'DeploymentConfig', name);
  if (!dc) throw notFound('deploymentconfigs.apps.openshift.io', name);
  return dc;
}

/** `oc rollout status dc/NAME` (openshift-cli.md §9): a line per DC change, no timeout of its own. */
export const rolloutStatus: OcCommand = {
  path: ['rollout', 'status'],
  use: 'oc rollout status (TYPE NAME | TYPE/NAME) [flags]',
  short: 'Show the status of the rollout',
  flags: [
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'revision', type: 'int' },
  ],
  async run(ctx, p) {
    const name = dcName(rolloutStatus, p.args, 'Required resource not specified.');
    const conn = await connect(ctx);
    const watch = bool(p, 'watch', true);
    const revision = int(p, 'revision') ?? 0;
    let lastRv: string | undefined;
    let closeAt: number | undefined;
    for (;;) {
      const c = await readCluster(conn.scope);
      if (!c) throw new CliExit(1);
      const dc = getDc(c, conn, name, 'get');
      // The API server closes watches after a randomised 30–60 minutes; 1.11's watch.Until then gives up.
      closeAt ??= c.now + (1800 + 1800 * hashUnit(`${process.pid}/${c.now}`)) * 1000;
      if (dc.metadata.resourceVersion !== lastRv) {
        lastRv = dc.metadata.resourceVersion;
        const st = rolloutStatusLine(dc, revision);
        if (st.error) throw new CliExit(1, `error: ${st.error}`);
        ctx.io.out(st.line);
        if (st.done || !watch) return 0;
      }
      if (c.now >= closeAt) throw new CliExit(1, 'error: watch closed before Until timeout');
      await realSleep(100);
    }
  },
};

/** `oc rollout retry dc/NAME`: only a failed latest rollout can be retried (origin rollout/retry.go). */
export const rolloutRetry: OcCommand = {
  path: ['rollout', 'retry'],
  use: 'retry (TYPE NAME | TYPE/NAME) [flags]',
  short: 'Retry the latest failed rollout',
  flags: [],
  async run(ctx, p) {
    const name = dcName(rolloutRetry, p.args, 'retry (TYPE NAME | TYPE/NAME) [flags]');
    const conn = await connect(ctx);
    const version = await mutateCluster(conn.scope, (c) => {
      if (!c) throw new CliExit(1);
      const dc = getDc(c, conn, name, 'update');
      if (dc.spec?.paused) throw new ClientError(`unable to retry paused deployment config "${name}"`);
      const v = dc.status?.latestVersion ?? 0;
      if (v === 0) throw new ClientError(`no rollouts found for "${name}"`);
      const rc = c.get(conn.namespace, 'ReplicationController', `${name}-${v}`);
      if (!rc) throw new ClientError(`unable to find the latest rollout (#${v}).\nYou can start a new rollout with 'oc rollout latest dc/${name}'.`);
      const phase = rcPhase(rc) ?? 'New';
      if (phase !== 'Failed') {
        const hint = phase === 'Complete' ? `You can start a new deployment with 'oc rollout latest dc/${name}'.` : `Optionally, you can cancel this deployment with 'oc rollout cancel dc/${name}'.`;
        throw new ClientError(`rollout #${v} is ${phase.toLowerCase()}; only failed deployments can be retried.\n${hint}`);
      }
      for (const pod of c.list(conn.namespace, 'Pod')) {
        if (pod.metadata.labels?.['openshift.io/deployer-pod-for.name'] === rc.metadata.name) deletePod(c, conn.namespace, pod.metadata.name, 0);
      }
      const annotations: Record<string, string> = { ...(rc.metadata.annotations ?? {}), 'openshift.io/deployment.phase': 'New' };
      delete annotations['openshift.io/deployment.status-reason'];
      delete annotations['openshift.io/deployment.cancelled'];
      rc.metadata.annotations = annotations;
      c.touch(rc);
      return v;
    });
    ctx.io.out(`deploymentconfig.apps.openshift.io/${name} retried rollout #${version}\n`);
    return 0;
  },
};

/** `oc rollout latest dc/NAME`: a new rollout ("manual change") unless one is in progress. */
export const rolloutLatest: OcCommand = {
  path: ['rollout', 'latest'],
  use: 'oc rollout latest DEPLOYMENTCONFIG',
  short: 'Start a new rollout for a deployment config with the latest state from its triggers',
  flags: [{ name: 'again', type: 'bool' }],
  async run(ctx, p) {
    if (p.args.length !== 1) throw new ClientError('one deployment config name is needed as argument.');
    const name = p.args[0].includes('/') ? p.args[0].split('/', 2)[1] : p.args[0];
    const conn = await connect(ctx);
    await mutateCluster(conn.scope, (c) => {
      if (!c) throw new CliExit(1);
      const dc = getDc(c, conn, name, 'update');
      if (dc.spec?.paused) throw new ClientError('cannot deploy a paused deployment config');
      const v = dc.status?.latestVersion ?? 0;
      const phase = rcPhase(c.get(conn.namespace, 'ReplicationController', `${name}-${v}`));
      if (phase && phase !== 'Complete' && phase !== 'Failed') throw new ClientError(`#${v} is already in progress (${phase}).`);
      const triggers = (dc.spec?.triggers ?? []) as Array<{ type: string; imageChangeParams?: { lastTriggeredImage?: string } }>;
      if (triggers.some((t) => t.type === 'ImageChange' && !t.imageChangeParams?.lastTriggeredImage)) {
        throw new ClientError(`cannot trigger a deployment for "${name}" because it contains unresolved images`);
      }
      instantiate(c, conn.namespace, dc, v + 1, 'manual change', [{ type: 'Manual' }]);
    });
    ctx.io.out(`deploymentconfig.apps.openshift.io/${name} rolled out\n`);
    return 0;
  },
};

/** `oc rollout cancel dc/NAME`: marks the running rollout cancelled (the deployer stops it). */
export const rolloutCancel: OcCommand = {
  path: ['rollout', 'cancel'],
  use: 'oc rollout cancel (TYPE NAME | TYPE/NAME) [flags]',
  short: 'Cancel the in-progress deployment',
  flags: [],
  async run(ctx, p) {
    const name = dcName(rolloutCancel, p.args, 'Required resource not specified.');
    const conn = await connect(ctx);
    const msg = await mutateCluster(conn.scope, (c) => {
      if (!c) throw new CliExit(1);
      const dc = getDc(c, conn, name, 'update');
      const v = dc.status?.latestVersion ?? 0;
      const rc = c.get(conn.namespace, 'ReplicationController', `${name}-${v}`);
      const phase = rcPhase(rc);
      if (!rc || phase === 'Complete' || phase === 'Failed') return `No rollout is in progress (latest rollout #${v} ${(phase ?? 'new').toLowerCase()})\n`;
      rc.metadata.annotations = { ...(rc.metadata.annotations ?? {}), 'openshift.io/deployment.cancelled': 'true', 'openshift.io/deployment.status-reason': 'cancelled by the user' };
      c.touch(rc);
      return `deploymentconfig.apps.openshift.io/${name} cancelling\n`;
    });
    ctx.io.out(msg);
    return 0;
  },
};
