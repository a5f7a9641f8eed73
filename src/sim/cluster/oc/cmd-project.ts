import { connect } from '../cli/context.js';
import { bool, str } from '../cli/flags.js';
import { CliExit } from '../cli/io.js';
import { writeKubeConfig } from '../kubeconfig.js';
import { ApiError, alreadyExists, forbidden, invalid } from '../api/errors.js';
import { createProject } from '../api/projects.js';
import { isMember } from '../api/authz.js';
import { mutateCluster, readCluster } from '../store/session.js';
import { clusterNick } from '../vm-ip.js';
import type { OcCommand } from './command.js';
import { displayNameForProject, switchProject, userNick, visibleProjects } from './shared.js';

const DNS1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Server-side validation of a ProjectRequest name (origin project validation + reserved names). */
export function validateProjectName(name: string): ApiError | undefined {
  const causes: string[] = [];
  if (name.length < 2) causes.push(`metadata.name: Invalid value: "${name}": must be at least 2 characters long`);
  if (name.length > 63) causes.push(`metadata.name: Invalid value: "${name}": must be no more than 63 characters`);
  if (!DNS1123.test(name)) {
    causes.push(`metadata.name: Invalid value: "${name}": a DNS-1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`);
  }
  if (causes.length) return invalid('ProjectRequest', name, causes);
  if (['openshift', 'kubernetes', 'kube'].includes(name)) return forbidden('project.project.openshift.io', name, `cannot request a project with the name "${name}"`);
  const prefix = ['openshift-', 'kubernetes-', 'kube-'].find((x) => name.startsWith(x));
  if (prefix) return forbidden('project.project.openshift.io', name, `cannot request a project starting with "${prefix}"`);
  return undefined;
}

/** `oc new-project NAME` (openshift-cli.md §3). */
export const newProject: OcCommand = {
  path: ['new-project'],
  use: 'oc new-project NAME [--display-name=DISPLAYNAME] [--description=DESCRIPTION]',
  short: 'Request a new project',
  flags: [
    { name: 'display-name', type: 'string' },
    { name: 'description', type: 'string' },
    { name: 'skip-config-write', type: 'bool' },
  ],
  async run(ctx, p) {
    if (p.args.length !== 1) throw new CliExit(1, 'error: must have exactly one argument');
    const name = p.args[0];
    const conn = await connect(ctx);
    const bad = validateProjectName(name);
    if (bad) throw bad;
    await mutateCluster(conn.scope, (c) => {
      if (!c) throw new CliExit(1);
      if (conn.user === 'system:anonymous') throw new ApiError('Forbidden', 'You may not request a new project via this API.');
      if (c.ns(name)) throw alreadyExists('project.project.openshift.io', name);
      createProject(c, name, conn.user, str(p, 'display-name') ?? '', str(p, 'description') ?? '');
    });
    if (bool(p, 'skip-config-write')) {
      ctx.io.out(`Project "${name}" created on server "${conn.server}".\n\nTo switch to this project and start adding applications, use:\n\n    oc project ${name}\n`);
      return 0;
    }
    await switchProject(ctx, conn, name);
    ctx.io.out(
      `Now using project "${name}" on server "${conn.server}".\n\nYou can add applications to this project with the 'new-app' command. For example, try:\n\n    oc new-app centos/ruby-25-centos7~https://github.com/sclorg/ruby-ex.git\n\nto build a new example application in Ruby.\n`,
    );
    return 0;
  },
};

/** `oc project [NAME]` (openshift-cli.md §4). */
export const project: OcCommand = {
  path: ['project'],
  use: 'oc project [NAME]',
  short: 'Switch to another project',
  flags: [{ name: 'short', short: 'q', type: 'bool' }],
  async run(ctx, p) {
    if (p.args.length > 1) throw new CliExit(1, 'error: Only one argument is supported (project name or context name).');
    const conn = await connect(ctx);
    const c = await readCluster(conn.scope);
    if (!c) throw new CliExit(1);
    const current = conn.resolved.namespace ?? '';
    const cfg = conn.kubeconfig;
    if (p.args.length === 0) {
      if (!current) {
        if (bool(p, 'short')) throw new CliExit(1, 'error: no project has been set');
        ctx.io.out('No project has been set. Pass a project name to make that the default.\n');
        return 0;
      }
      if (!c.ns(current)) throw new CliExit(1, `error: the project "${current}" specified in your config does not exist.`);
      if (!isMember(c, conn.user, current)) throw new CliExit(1, `error: you do not have rights to view project "${current}".`);
      if (bool(p, 'short')) ctx.io.out(`${current}\n`);
      else if (conn.resolved.contextName === `${current}/${clusterNick(conn.ip)}/${userNick(conn.resolved.userName)}`) ctx.io.out(`Using project "${current}" on server "${conn.server}".\n`);
      else ctx.io.out(`Using project "${current}" from context named "${conn.resolved.contextName}" on server "${conn.server}".\n`);
      return 0;
    }
    const arg = p.args[0];
    const asContext = cfg.contexts.find((x) => x.name === arg);
    if (asContext) {
      cfg['current-context'] = arg;
      await writeKubeConfig(ctx.global.kubeconfig, cfg);
      if (bool(p, 'short')) ctx.io.out(`${asContext.context.namespace ?? ''}\n`);
      else ctx.io.out(`Now using project "${asContext.context.namespace}" from context named "${arg}" on server "${conn.server}".\n`);
      return 0;
    }
    if (!c.ns(arg) || !isMember(c, conn.user, arg)) {
      const projects = visibleProjects(c, conn.user);
      let msg = c.ns(arg) ? `You are not a member of project "${arg}".` : `A project named "${arg}" does not exist on "${conn.server}".`;
      if (projects.length === 0) msg += "\nYou are not a member of any projects. You can request a project to be created with the 'new-project' command.";
      else if (projects.length === 1) msg += `\nYou have one project on this server: ${displayNameForProject(projects[0])}`;
      else msg += `\nYour projects are:${projects.map((x) => `\n* ${displayNameForProject(x)}`).join('')}`;
      if (new Set(cfg.clusters.map((x) => x.cluster.server)).size > 1) msg += "\nTo see projects on another server, pass '--server=<server>'.";
      throw new CliExit(1, `error: ${msg}`);
    }
    await switchProject(ctx, conn, arg);
    if (bool(p, 'short')) ctx.io.out(`${arg}\n`);
    else if (current === arg) ctx.io.out(`Already on project "${arg}" on server "${conn.server}".\n`);
    else ctx.io.out(`Now using project "${arg}" on server "${conn.server}".\n`);
    return 0;
  },
};

/** `oc projects`. */
export const projects: OcCommand = {
  path: ['projects'],
  use: 'oc projects',
  short: 'Display existing projects',
  flags: [{ name: 'short', short: 'q', type: 'bool' }],
  async run(ctx, p) {
    const conn = await connect(ctx);
    const c = await readCluster(conn.scope);
    if (!c) throw new CliExit(1);
    const list = visibleProjects(c, conn.user);
    const current = conn.resolved.namespace ?? '';
    if (bool(p, 'short')) {
      ctx.io.out(list.map((x) => `${x.metadata.name}\n`).join(''));
      return 0;
    }
    if (list.length === 0) {
      ctx.io.out("You are not a member of any projects. You can request a project to be created with the 'new-project' command.\n");
      return 0;
    }
    const lines = list.map((x) => {
      const dn = x.metadata.annotations?.['openshift.io/display-name'] ?? '';
      const mark = x.metadata.name === current ? '  * ' : '    ';
      return `${mark}${x.metadata.name}${dn && dn !== x.metadata.name ? ` - ${dn}` : ''}\n`;
    });
    ctx.io.out(`You have access to the following projects and can switch between them with 'oc project <projectname>':\n\n${lines.join('')}\nUsing project "${current}" on server "${conn.server}".\n`);
    return 0;
  },
};
