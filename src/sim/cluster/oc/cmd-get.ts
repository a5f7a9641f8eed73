import { connect } from '../cli/context.js';
import { bool, str } from '../cli/flags.js';
import { CliExit } from '../cli/io.js';
import { authorize } from '../api/authz.js';
import { ClientError, formatApiError, notFound } from '../api/errors.js';
import { getObject, listObjects } from '../api/query.js';
import type { ResourceInfo } from '../api/resources.js';
import { qualifiedKind, qualifiedPlural, resourceForKind, resourceForName } from '../api/resources.js';
import type { KubeObject } from '../model/types.js';
import { renderTable } from '../printers/tables.js';
import { readCluster } from '../store/session.js';
import type { OcCommand } from './command.js';
import { usageError } from './command.js';
import { parseOutput, printStructured } from './output.js';
import { parseSelector, selectorMatches } from './selector.js';

const ALL_KINDS = ['Pod', 'ReplicationController', 'Service', 'DeploymentConfig', 'ImageStream', 'Route'];

/** What the positional arguments ask for: resources, optionally by name. */
export function parseResourceArgs(args: string[], cmd: { path: string[] }): Array<{ r: ResourceInfo; names: string[] }> {
  if (args.length === 0) {
    throw new CliExit(1, `error: Required resource not specified.\nUse "oc explain <resource>" for a detailed description of that resource (e.g. oc explain pods).\nSee 'oc ${cmd.path.join(' ')} -h' for help and examples.`);
  }
  const lookup = (name: string): ResourceInfo => {
    const r = resourceForName(name);
    if (!r) throw new ClientError(`the server doesn't have a resource type "${name}"`);
    return r;
  };
  if (args.every((a) => a.includes('/'))) {
    return args.map((a) => {
      const [type, name] = a.split('/', 2);
      return { r: lookup(type), names: [name] };
    });
  }
  if (args.some((a) => a.includes('/'))) throw usageError(cmd, 'there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. \'oc get resource/<resource_name>\' instead of \'oc get resource resource/<resource_name>\')');
  const types = args[0] === 'all' ? ALL_KINDS.map((k) => resourceForKind(k)!) : args[0].split(',').map(lookup);
  return types.map((r) => ({ r, names: args.slice(1) }));
}

/** `oc get` (openshift-cli.md §7, §8, §10, §12). */
export const get: OcCommand = {
  path: ['get'],
  use: 'oc get [(-o|--output=)json|yaml|wide|name|jsonpath=...] (TYPE [NAME | -l label] | TYPE/NAME ...) [flags]',
  short: 'Display one or many resources',
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-namespaces', type: 'bool' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
    { name: 'show-kind', type: 'bool' },
  ],
  async run(ctx, p) {
    const fmt = parseOutput(str(p, 'output'));
    const requests = parseResourceArgs(p.args, get);
    const conn = await connect(ctx);
    const c = await readCluster(conn.scope);
    if (!c) throw new CliExit(1);
    const allNs = bool(p, 'all-namespaces');
    const selector = str(p, 'selector') !== undefined ? parseSelector(str(p, 'selector')!) : undefined;
    const found: Array<{ r: ResourceInfo; objects: KubeObject[] }> = [];
    const errors: string[] = [];
    for (const { r, names } of requests) {
      authorize(c, conn.user, names.length ? 'get' : 'list', r, allNs ? undefined : conn.namespace, names.length === 1 ? names[0] : undefined);
      if (names.length === 0) {
        const objects = listObjects(c, r, allNs ? undefined : conn.namespace, conn.user).filter((o) => !selector || selectorMatches(selector, o.metadata.labels));
        // kubectl 1.11 sorts event tables by last occurrence.
        if (r.kind === 'Event' && fmt.kind === 'table') objects.sort((a, b) => Date.parse(a.lastTimestamp) - Date.parse(b.lastTimestamp));
        found.push({ r, objects });
        continue;
      }
      const objects: KubeObject[] = [];
      for (const name of names) {
        const o = getObject(c, r, conn.namespace, name, conn.user);
        if (o) objects.push(o);
        else if (!bool(p, 'ignore-not-found')) errors.push(formatApiError(notFound(qualifiedPlural(r), name)));
      }
      found.push({ r, objects });
    }
    const all = found.flatMap((f) => f.objects);
    const single = requests.length === 1 && requests[0].names.length === 1;
    if (fmt.kind !== 'table') {
      if (all.length > 0 || !single) ctx.io.out(await printStructured(fmt, all, single));
    } else {
      const nonEmpty = found.filter((f) => f.objects.length > 0);
      const multi = requests.length > 1 || p.args[0] === 'all';
      const text = nonEmpty
        .map((f) => renderTable(f.r.kind, f.objects, c.now, { wide: fmt.wide, withKind: multi ? qualifiedKind(f.r) : undefined, namespace: allNs && f.r.namespaced }))
        .map((t) => (bool(p, 'no-headers') ? t.split('\n').slice(1).join('\n') : t))
        .join('\n');
      ctx.io.out(text);
      if (all.length === 0 && errors.length === 0 && !(single && bool(p, 'ignore-not-found'))) ctx.io.err('No resources found.\n');
    }
    if (errors.length) throw new CliExit(1, errors.join('\n'));
    return 0;
  },
};

