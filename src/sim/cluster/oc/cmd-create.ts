import { existsSync, readFileSync } from 'node:fs';

import { connect } from '../cli/context.js';
import { bool, str, strs } from '../cli/flags.js';
import { CliExit } from '../cli/io.js';
import { UnknownKindError, createObject } from '../api/create.js';
import { ApiError, formatApiError } from '../api/errors.js';
import type { KubeObject } from '../model/types.js';
import { mutateCluster } from '../store/session.js';
import type { OcCommand } from './command.js';
import { usageError } from './command.js';
import { nameOf } from './output.js';

async function createOne(ctx: Parameters<OcCommand['run']>[0], obj: KubeObject): Promise<KubeObject> {
  const conn = await connect(ctx);
  return mutateCluster(conn.scope, (c) => {
    if (!c) throw new CliExit(1);
    return createObject(c, conn.namespace, obj, conn.user);
  });
}

function exactlyOneName(cmd: OcCommand, args: string[]): string {
  if (args.length !== 1) throw usageError(cmd, `exactly one NAME is required, got ${args.length}`);
  return args[0];
}

/** `oc create secret docker-registry NAME --docker-server=… --docker-username=… --docker-password=…` (§5). */
export const createDockerRegistrySecret: OcCommand = {
  path: ['create', 'secret', 'docker-registry'],
  use: 'oc create secret docker-registry NAME --docker-username=user --docker-password=password --docker-email=email [--docker-server=string] [--from-literal=key1=value1] [--dry-run]',
  short: 'Create a secret for use with a Docker registry',
  flags: [
    { name: 'docker-server', type: 'string' },
    { name: 'docker-username', type: 'string', required: true },
    { name: 'docker-password', type: 'string', required: true },
    { name: 'docker-email', type: 'string' },
  ],
  async run(ctx, p) {
    const name = exactlyOneName(createDockerRegistrySecret, p.args);
    const server = str(p, 'docker-server') ?? 'https://index.docker.io/v1/';
    for (const flag of ['docker-server', 'docker-username', 'docker-password']) {
      const v = flag === 'docker-server' ? server : str(p, flag);
      if (!v) throw usageError(createDockerRegistrySecret, `flag ${flag} is required`);
    }
    const username = str(p, 'docker-username')!;
    const password = str(p, 'docker-password')!;
    const email = str(p, 'docker-email');
    const entry: Record<string, string> = { username, password, ...(email ? { email } : {}), auth: Buffer.from(`${username}:${password}`).toString('base64') };
    const config = JSON.stringify({ auths: { [server]: entry } });
    const created = await createOne(ctx, { apiVersion: 'v1', kind: 'Secret', metadata: { name }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': Buffer.from(config).toString('base64') } });
    ctx.io.out(`${nameOf(created)} created\n`);
    return 0;
  },
};

/** `oc create route edge NAME --service=S [--hostname=H] [--port=P] [--insecure-policy=Allow]`. */
export const createRouteEdge: OcCommand = {
  path: ['create', 'route', 'edge'],
  use: 'oc create route edge [NAME] --service=SERVICE [flags]',
  short: 'Create a route that uses edge TLS termination',
  flags: [
    { name: 'service', type: 'string' },
    { name: 'hostname', type: 'string' },
    { name: 'port', type: 'string' },
    { name: 'path', type: 'string' },
    { name: 'insecure-policy', type: 'string' },
    { name: 'wildcard-policy', type: 'string' },
    { name: 'cert', type: 'string' },
    { name: 'key', type: 'string' },
    { name: 'ca-cert', type: 'string' },
  ],
  async run(ctx, p) {
    const service = str(p, 'service');
    if (!service) throw new CliExit(1, 'error: you need to provide a service name via --service');
    if (p.args.length > 1) throw usageError(createRouteEdge, `exactly one NAME is required, got ${p.args.length}`);
    const name = p.args[0] ?? service;
    const insecure = str(p, 'insecure-policy');
    if (insecure !== undefined && !['Allow', 'Redirect', 'None', ''].includes(insecure)) {
      throw new CliExit(1, `error: invalid value for --insecure-policy: "${insecure}"; valid values are Allow, Redirect, None`);
    }
    const port = str(p, 'port');
    const route: KubeObject = {
      apiVersion: 'route.openshift.io/v1',
      kind: 'Route',
      metadata: { name, labels: {} },
      spec: {
        ...(str(p, 'hostname') ? { host: str(p, 'hostname') } : {}),
        ...(str(p, 'path') ? { path: str(p, 'path') } : {}),
        ...(port ? { port: { targetPort: /^\d+$/.test(port) ? Number(port) : port } } : {}),
        tls: { termination: 'edge', ...(insecure ? { insecureEdgeTerminationPolicy: insecure } : {}) },
        to: { kind: 'Service', name: service, weight: 100 },
        wildcardPolicy: str(p, 'wildcard-policy') ?? 'None',
      },
    };
    const created = await createOne(ctx, route);
    ctx.io.out(`${nameOf(created)} created\n`);
    return 0;
  },
};

async function readObjects(file: string): Promise<KubeObject[]> {
  if (!existsSync(file)) throw new CliExit(1, `error: the path "${file}" does not exist`);
  const text = readFileSync(file, 'utf8');
  const { parseAllDocuments } = await import('yaml');
  const docs: unknown[] = [];
  try {
    docs.push(JSON.parse(text));
  } catch {
    for (const d of parseAllDocuments(text)) {
      if (d.errors.length) throw new CliExit(1, `error: error parsing ${file}: error converting YAML to JSON: ${d.errors[0].message.split('\n')[0]}`);
      const v = d.toJS() as unknown;
      if (v) docs.push(v);
    }
  }
  return docs.flatMap((d) => ((d as { kind?: string }).kind === 'List' ? ((d as { items?: KubeObject[] }).items ?? []) : [d as KubeObject]));
}

/** `oc create -f FILE`: one `<kind>.<group>/<name> created` per object, per-object errors, exit 1 if any failed. */
export const createFromFile: OcCommand = {
  path: ['create'],
  use: 'oc create -f FILENAME',
  short: 'Create a resource from a file or from stdin.',
  flags: [
    { name: 'filename', short: 'f', type: 'stringArray' },
    { name: 'save-config', type: 'bool' },
  ],
  async run(ctx, p) {
    const files = strs(p, 'filename');
    if (p.args.length > 0) throw usageError(createFromFile, `Unexpected args: [${p.args.join(' ')}]`);
    if (files.length === 0) throw usageError(createFromFile, 'must specify one of -f and -k');
    void bool(p, 'save-config');
    const conn = await connect(ctx);
    let failed = false;
    for (const file of files) {
      for (const obj of await readObjects(file)) {
        try {
          const created = await mutateCluster(conn.scope, (c) => {
            if (!c) throw new CliExit(1);
            return createObject(c, conn.namespace, obj, conn.user);
          });
          ctx.io.out(`${nameOf(created)} created\n`);
        } catch (err) {
          failed = true;
          if (err instanceof ApiError) ctx.io.err(`Error from server (${err.reason}): error when creating "${file}": ${err.message}\n`);
          else if (err instanceof UnknownKindError) ctx.io.err(`error: unable to recognize "${file}": ${err.message}\n`);
          else ctx.io.err(`${formatApiError(err)}\n`);
        }
      }
    }
    return failed ? 1 : 0;
  },
};
