import type { Connection } from '../cli/context.js';
import { connect } from '../cli/context.js';
import { bool, int, str } from '../cli/flags.js';
import { CliExit } from '../cli/io.js';
import { authorize } from '../api/authz.js';
import { ApiError, ClientError, notFound } from '../api/errors.js';
import { resourceForKind, resourceForName } from '../api/resources.js';
import { podSim, pullWaitingReason } from '../controllers/pod-sim.js';
import type { Cluster } from '../model/cluster.js';
import type { KubeObject } from '../model/types.js';
import { readCluster } from '../store/session.js';
import type { OcCommand } from './command.js';
import { usageError } from './command.js';

const badRequest = (msg: string): ApiError => new ApiError('BadRequest', msg);

/** The kubelet's container log (validateContainerLogStatus): current, or the previous instance with --previous. */
function containerLog(pod: KubeObject, container: string | undefined, previous: boolean): string[] {
  const s = podSim(pod);
  const name = pod.metadata.name;
  const mains = (pod.spec.containers ?? []) as Array<{ name: string }>;
  const inits = (pod.spec.initContainers ?? []) as Array<{ name: string }>;
  if (!container) {
    if (mains.length !== 1) {
      const initHint = inits.length ? ` or one of the init containers: [${inits.map((x) => x.name).join(' ')}]` : '';
      throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${mains.map((x) => x.name).join(' ')}]${initHint}`);
    }
    container = mains[0].name;
  }
  const cs = s?.containers.find((x) => x.name === container);
  if (!cs) throw badRequest(`container ${container} is not valid for pod ${name}`);
  if (previous) {
    if (!cs.last) throw badRequest(`previous terminated container "${container}" in pod "${name}" not found`);
    // Until the kubelet restarts a crashed container, the terminated instance is the current one.
    return cs.phase === 'crashBackOff' || cs.phase === 'exited' ? cs.logs : (cs.previousLogs ?? []);
  }
  if (cs.phase === 'running' || cs.phase === 'exited' || cs.phase === 'crashBackOff' || cs.last) return cs.logs.length || cs.containerID ? cs.logs : (cs.previousLogs ?? []);
  const pull = pullWaitingReason(cs);
  if (pull === 'ErrImagePull') throw badRequest(`container "${container}" in pod "${name}" is waiting to start: image can't be pulled`);
  if (pull === 'ImagePullBackOff') throw badRequest(`container "${container}" in pod "${name}" is waiting to start: trying and failing to pull image`);
  const reason = s?.scheduledAt === undefined ? undefined : s.containers.some((x) => x.init) ? 'PodInitializing' : 'ContainerCreating';
  if (!reason) throw badRequest(`container "${container}" in pod "${name}" is waiting to start - no logs yet`);
  throw badRequest(`container "${container}" in pod "${name}" is waiting to start: ${reason}`);
}

/** Logs of `oc logs dc/NAME`: the deployer's while it exists, else the first pod of the latest deployment. */
function dcLog(c: Cluster, conn: Connection, name: string, container: string | undefined, previous: boolean): string[] {
  const dc = c.get(conn.namespace, 'DeploymentConfig', name);
  if (!dc) throw notFound('deploymentconfigs.apps.openshift.io', name);
  const v = dc.status?.latestVersion ?? 0;
  if (v === 0) throw badRequest(`no deployment exists for deploymentConfig "${name}"`);
  const deployer = c.get(conn.namespace, 'Pod', `${name}-${v}-deploy`);
  if (deployer && !deployer.metadata.deletionTimestamp) return containerLog(deployer, undefined, previous);
  const pod = c.list(conn.namespace, 'Pod').find((p) => p.metadata.labels?.deployment === `${name}-${v}` && !p.metadata.deletionTimestamp);
  if (!pod) throw badRequest(`no deployment exists for deploymentConfig "${name}"`);
  return containerLog(pod, container, previous);
}

/** `oc logs` (openshift-cli.md §11). */
export const logs: OcCommand = {
  path: ['logs'],
  use: 'oc logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]',
  short: 'Print the logs for a resource',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'previous', short: 'p', type: 'bool' },
    { name: 'tail', type: 'int' },
    { name: 'follow', short: 'f', type: 'bool' },
    { name: 'timestamps', type: 'bool' },
  ],
  async run(ctx, p) {
    if (p.args.length === 0) throw usageError(logs, 'expected POD or TYPE/NAME is a required argument for the logs command');
    const conn = await connect(ctx);
    const c = await readCluster(conn.scope);
    if (!c) throw new CliExit(1);
    const [type, name] = p.args[0].includes('/') ? p.args[0].split('/', 2) : ['pod', p.args[0]];
    const container = str(p, 'container') ?? p.args[1];
    const r = resourceForName(type);
    if (!r) throw new ClientError(`the server doesn't have a resource type "${type}"`);
    authorize(c, conn.user, 'get', resourceForKind('Pod')!, conn.namespace, name);
    let lines: string[];
    if (r.kind === 'DeploymentConfig') lines = dcLog(c, conn, name, container, bool(p, 'previous'));
    else if (r.kind === 'Pod') {
      const pod = c.get(conn.namespace, 'Pod', name);
      if (!pod) throw notFound('pods', name);
      lines = containerLog(pod, container, bool(p, 'previous'));
    } else throw new ClientError(`cannot get the logs from ${r.kind}`);
    const tail = int(p, 'tail');
    if (tail !== undefined && tail >= 0) lines = lines.slice(Math.max(0, lines.length - tail));
    if (lines.length) ctx.io.out(`${lines.join('\n')}\n`);
    return 0;
  },
};
