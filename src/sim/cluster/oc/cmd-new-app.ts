import type { Connection, OcContext } from '../cli/context.js';
import { connect } from '../cli/context.js';
import { str, strs } from '../cli/flags.js';
import { CliExit } from '../cli/io.js';
import { simSleep } from '../clock.js';
import { createObject } from '../api/create.js';
import { ApiError, ConnectionRefusedError } from '../api/errors.js';
import { qualifiedKind, resourceForKind } from '../api/resources.js';
import type { KubeObject } from '../model/types.js';
import { mutateEach } from '../store/session.js';
import { TemplateFileError, loadTemplateFile, parseParamArgs } from '../template/load.js';
import type { Template } from '../template/process.js';
import { UnknownParameterError, applyParameterValues, processTemplate } from '../template/process.js';
import type { OcCommand } from './command.js';

/** Simulated API round trip per created object (a crash mid-create leaves a partial set, as for real). */
const CREATE_LATENCY_MS = 60;

const HELP_BLOCK = `The 'oc new-app' command will match arguments to the following types:

  1. Images tagged into image streams in the current project or the 'openshift' project
     - if you don't specify a tag, we'll add ':latest'
  2. Images in the Docker Hub, on remote registries, or on the local Docker engine
  3. Templates in the current project or the 'openshift' project
  4. Git repository URLs or local paths that point to Git repositories

--allow-missing-images can be used to point to an image that does not exist yet.

See 'oc new-app -h' for examples.`;

/** DescribeGeneratedTemplate (pkg/oc/lib/newapp/cmd/template.go). */
export function describeTemplate(input: string, t: Template, ns: string, generated: Set<string>): string {
  const qualified = `${ns}/${t.metadata.name}`;
  let out = t.metadata.name !== input ? `--> Deploying template "${qualified}" for "${input}" to project ${ns}\n\n` : `--> Deploying template "${qualified}" to project ${ns}\n\n`;
  const description = t.metadata.annotations?.description ?? '';
  const name = t.metadata.annotations?.['openshift.io/display-name'] || t.metadata.name;
  const block = (s: string): string => s.replace(/\n$/, '').split('\n').map((l) => `     ${l}\n`).join('');
  if (t.message || description) {
    out += `     ${name}\n     ---------\n`;
    if (description) out += `${block(description)}\n`;
    if (t.message) out += `${block(t.message)}\n`;
  }
  const params = t.parameters ?? [];
  if (params.length) {
    out += '     * With parameters:\n';
    for (const p of params) out += `        * ${p.displayName || p.name}=${p.value ?? ''}${generated.has(p.name) ? ' # generated' : ''}\n`;
    out += '\n';
  }
  return out;
}

/** The object's "created" / "error" line of the bulk creator. */
function createdLine(o: KubeObject): string {
  const r = resourceForKind(o.kind);
  return `    ${r ? qualifiedKind(r) : o.kind.toLowerCase()} "${o.metadata.name}" created\n`;
}

/** Loads, parameterises and processes a template file the way new-app and process do; returns the processed template. */
export async function processFile(ctx: OcContext, file: string, rawParams: string[], onDuplicate: (keys: string[]) => void): Promise<{ processed: Template; generated: Set<string>; conn: Connection | ConnectionRefusedError }> {
  let conn: Connection | ConnectionRefusedError;
  try {
    conn = await connect(ctx);
  } catch (err) {
    if (!(err instanceof ConnectionRefusedError)) throw err;
    conn = err;
  }
  const params = parseParamArgs(rawParams);
  if (params.invalid) throw new CliExit(1, `error: ${params.invalid}`);
  onDuplicate(params.duplicates);
  let template: Template;
  try {
    template = await loadTemplateFile(file);
  } catch (err) {
    if (err instanceof TemplateFileError) throw new CliExit(1, err.reason === 'missing' ? `error: ${err.message}\n\n${HELP_BLOCK}` : `error: ${err.message}`);
    throw err;
  }
  const ns = conn instanceof ConnectionRefusedError ? (ctx.global.namespace ?? 'default') : conn.namespace;
  try {
    applyParameterValues(template, params.values);
  } catch (err) {
    if (err instanceof UnknownParameterError) throw new CliExit(1, `error: ${err.message}`);
    throw err;
  }
  const qualified = `${ns}/${template.metadata.name}`;
  if (conn instanceof ConnectionRefusedError) {
    throw new CliExit(1, `error: error processing template "${qualified}": Post https://${conn.hostPort}/apis/template.openshift.io/v1/namespaces/${ns}/processedtemplates: dial tcp ${conn.hostPort}: connect: connection refused`);
  }
  if (conn.user === 'system:anonymous') throw new CliExit(1, `error: error processing template "${qualified}": You must be logged in to the server (Unauthorized)`);
  const generated = new Set((template.parameters ?? []).filter((p) => p.generate === 'expression').map((p) => p.name));
  try {
    return { processed: processTemplate(template), generated, conn };
  } catch (err) {
    if (err instanceof ApiError) throw new CliExit(1, `error: error processing template "${qualified}": ${err.message}`);
    throw err;
  }
}

/** `oc new-app -f FILE -p K=V …` (openshift-cli.md §6, 3scale-template.md §5). */
export const newApp: OcCommand = {
  path: ['new-app'],
  use: 'oc new-app (IMAGE | IMAGESTREAM | TEMPLATE | PATH | URL ...) [flags]',
  short: 'Create a new application',
  flags: [
    { name: 'file', short: 'f', type: 'stringArray' },
    { name: 'param', short: 'p', type: 'stringArray' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'context-dir', type: 'string' },
    { name: 'name', type: 'string' },
  ],
  async run(ctx, p) {
    const files = strs(p, 'file');
    if (files.length === 0 && p.args.length === 0) {
      throw new CliExit(1, 'error: You must specify one or more images, image streams, templates, or source code locations to create an application.\n\nTo list all local templates and image streams, use:\n\n  oc new-app -L\n\nTo search templates, image streams, and Docker images that match the arguments provided, use:\n\n  oc new-app -S php\n  oc new-app -S --template=ruby\n  oc new-app -S --image-stream=mysql\n  oc new-app -S --docker-image=python');
    }
    if (p.args.length > 0) throw new CliExit(1, `error: unable to locate any images in image streams, templates loaded in accessible projects, template files, local docker images with name "${p.args[0]}"\n\n${HELP_BLOCK}`);
    if (str(p, 'context-dir')) throw new CliExit(1, 'error: --context-dir is not supported when using a template');
    const input = files[0];
    const { processed, generated, conn } = await processFile(ctx, input, strs(p, 'param'), (dups) => {
      for (const k of dups) ctx.io.err(`warning: Template parameter "${k}" was overwritten\n`);
    });
    const c0 = conn as Connection;
    const labels = str(p, 'labels');
    ctx.io.out(describeTemplate(input, processed, c0.namespace, generated));
    ctx.io.out(`--> Creating resources${labels ? ` with label ${labels}` : ''} ...\n`);
    let failed = false;
    const routes: string[] = [];
    if (labels) {
      const extra = Object.fromEntries(labels.split(',').map((kv) => kv.split('=') as [string, string]));
      for (const obj of processed.objects) obj.metadata.labels = { ...(obj.metadata.labels ?? {}), ...extra };
    }
    let unexpected: unknown;
    const reachable = await mutateEach(
      c0.scope,
      processed.objects,
      () => simSleep(CREATE_LATENCY_MS, ctx.env.speed),
      (c, obj) => createObject(c, c0.namespace, obj, c0.user),
      (_obj, res) => {
        if (res.ok) {
          ctx.io.out(createdLine(res.value));
          if (res.value.kind === 'Route') routes.push(res.value.spec?.host ?? '');
        } else if (res.error instanceof ApiError) {
          failed = true;
          ctx.io.err(`    error: ${res.error.message}\n`);
        } else unexpected ??= res.error;
      },
    );
    if (!reachable) throw new ConnectionRefusedError(c0.hostPort);
    if (unexpected) throw unexpected;
    if (failed) {
      ctx.io.out('--> Failed\n');
      return 1;
    }
    ctx.io.out('--> Success\n');
    for (const host of routes) ctx.io.out(`    Access your application via route '${host}' \n`);
    ctx.io.out("    Run 'oc status' to view your app.\n");
    return 0;
  },
};
