import { existsSync } from 'node:fs';

import type { OcContext } from '../cli/context.js';
import { MISSING_CONFIG, identify, profileForIp } from '../cli/context.js';
import { str } from '../cli/flags.js';
import { CliExit } from '../cli/io.js';
import type { KubeConfig } from '../kubeconfig.js';
import { emptyKubeConfig, readKubeConfig, resolveContext, upsert, writeKubeConfig } from '../kubeconfig.js';
import { Cluster } from '../model/cluster.js';
import type { ProfileState } from '../model/types.js';
import { newToken } from '../minishift/vm.js';
import { readCluster, readProfileState, updateProfileState } from '../store/session.js';
import { clusterNick } from '../vm-ip.js';
import type { OcCommand } from './command.js';
import { useProjectContext, visibleProjects } from './shared.js';

/** `host[:port]` or a URL → `https://host:port`. */
function normalizeServer(raw: string): string {
  const withScheme = /^https?:\/\//.test(raw) ? raw : `https://${raw}`;
  const u = new URL(withScheme);
  return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}`;
}

/** The project listing `oc login` prints (loginoptions.go). */
function projectsText(c: Cluster, user: string, preferred: string | undefined): { text: string; project: string | undefined } {
  const names = visibleProjects(c, user).map((p) => p.metadata.name);
  if (names.length === 0) {
    return { text: "You don't have any projects. You can try to create a new project, by running\n\n    oc new-project <projectname>\n\n", project: undefined };
  }
  const project = preferred && names.includes(preferred) ? preferred : names.includes('default') ? 'default' : names[0];
  if (names.length === 1) return { text: `You have one project on this server: "${project}"\n\nUsing project "${project}".\n`, project };
  if (names.length > 50) {
    return { text: `You have access to ${names.length} projects, the list has been suppressed. You can list all projects with 'oc projects'\n\nUsing project "${project}".\n`, project };
  }
  const list = names.map((n) => (n === project ? `  * ${n}\n` : `    ${n}\n`)).join('');
  return { text: `You have access to the following projects and can switch between them with 'oc project <projectname>':\n\n${list}\nUsing project "${project}".\n`, project };
}

/** Existing credentials in the kubeconfig that authenticate as `username` on this server. */
function existingAuthInfo(cfg: KubeConfig, nick: string, state: ProfileState, username: string | undefined): { name: string; user: string } | undefined {
  for (const u of cfg.users.filter((x) => x.name.endsWith(`/${nick}`))) {
    try {
      const who = identify(state.vm, u.user);
      if (who !== 'system:anonymous' && (username === undefined || who === username)) return { name: u.name, user: who };
    } catch {
      // stale credentials do not count
    }
  }
  return undefined;
}

async function authenticate(ctx: OcContext, o: { cfg: KubeConfig; server: string; profile: string; state: ProfileState; username?: string; password?: string; token?: string }): Promise<{ authInfo: string; user: string; existing: boolean }> {
  const nick = clusterNick(new URL(o.server).hostname);
  if (o.token !== undefined) {
    const user = o.state.vm.tokens[o.token];
    if (!user) throw new CliExit(1, 'error: The token provided is invalid or expired.');
    const authInfo = `${user}/${nick}`;
    upsert(o.cfg.users, { name: authInfo, user: { token: o.token } });
    return { authInfo, user, existing: false };
  }
  if (o.password === undefined) {
    const found = existingAuthInfo(o.cfg, nick, o.state, o.username);
    if (found) return { authInfo: found.name, user: found.user, existing: true };
    ctx.io.out(`Authentication required for ${o.server} (openshift)\nUsername: ${o.username ?? ''}\n${o.username ? 'Password: ' : ''}`);
    if (ctx.io.stdinIsTTY) o.password = (await ctx.io.readLine()) ?? '';
    else o.password = '';
  }
  const username = o.username ?? '';
  if (username.includes(':')) throw new CliExit(1, `error: username ${username} is invalid for basic auth`);
  if (username === '' || o.password === '') {
    ctx.io.out('Login failed (401 Unauthorized)\nVerify you have provided correct credentials.\n');
    throw new CliExit(1);
  }
  // Minishift's identity provider is AllowAll: any user name with any non-empty password logs in.
  const token = newToken();
  await updateProfileState(ctx.env.home, o.profile, (cur) => (cur ? { value: { ...cur, vm: { ...cur.vm, tokens: { ...cur.vm.tokens, [token]: username } } }, result: undefined } : { result: undefined }));
  const authInfo = `${username}/${nick}`;
  upsert(o.cfg.users, { name: authInfo, user: { token } });
  return { authInfo, user: username, existing: false };
}

/** `oc login` (openshift-cli.md §1). */
export const login: OcCommand = {
  path: ['login'],
  use: 'oc login [URL] [flags]',
  short: 'Log in to a server',
  flags: [
    { name: 'username', short: 'u', type: 'string' },
    { name: 'password', short: 'p', type: 'string' },
    { name: 'certificate-authority', type: 'string' },
  ],
  async run(ctx, p) {
    const existed = existsSync(ctx.global.kubeconfig);
    const cfg = (await readKubeConfig(ctx.global.kubeconfig)) ?? emptyKubeConfig();
    if (p.args.length > 1) throw new CliExit(1, 'error: Only the server URL may be specified as an argument');
    const current = resolveContext(cfg, ctx.global.context);
    const raw = p.args[0] ?? str(p, 'server');
    const server = raw ? normalizeServer(raw) : current?.server;
    if (!server) throw new CliExit(1, ctx.io.stdinIsTTY ? MISSING_CONFIG : 'error: A server URL must be specified');
    const u = new URL(server);
    const hostPort = `${u.hostname}:${u.port || '443'}`;
    const profile = profileForIp(ctx.env.home, u.hostname);
    const state = profile ? readProfileState(ctx.env.home, profile) : undefined;
    if (!profile || !state || state.vm.status !== 'Running' || state.vm.openshift !== 'Running') {
      throw new CliExit(1, `error: dial tcp ${hostPort}: connect: connection refused - verify you have provided the correct host and port and that the server is currently running.`);
    }
    ctx.profile = profile;
    const nick = clusterNick(u.hostname);
    const known = cfg.clusters.find((x) => x.cluster.server === server);
    if (!known && !ctx.global.insecure && !p.given.has('certificate-authority')) {
      throw new CliExit(1, 'error: The server uses a certificate signed by unknown authority. You may need to use the --certificate-authority flag to provide the path to a certificate file for the certificate authority, or --insecure-skip-tls-verify to bypass the certificate check and use insecure connections.');
    }
    if (!known) upsert(cfg.clusters, { name: nick, cluster: { 'insecure-skip-tls-verify': true, server } });
    const auth = await authenticate(ctx, { cfg, server, profile, state, username: str(p, 'username'), password: str(p, 'password'), token: ctx.global.token });
    const preferred = current && current.server === server ? current.namespace : undefined;
    const c = await readCluster({ home: ctx.env.home, profile, speed: ctx.env.speed, faults: ctx.faults });
    const listing = projectsText(c ?? new Cluster(state, state.clock.sim), auth.user, preferred);
    ctx.io.out(auth.existing ? `Logged into "${server}" as "${auth.user}" using existing credentials.\n\n` : 'Login successful.\n\n');
    ctx.io.out(listing.text);
    if (listing.project) await useProjectContext(ctx, cfg, { ip: u.hostname, user: auth.user, authInfo: auth.authInfo, project: listing.project });
    else await writeKubeConfig(ctx.global.kubeconfig, cfg);
    if (!existed) ctx.io.out("Welcome! See 'oc help' to get started.\n");
    return 0;
  },
};

/** `oc logout`: forgets the session token (cert-based users have none to forget). */
export const logout: OcCommand = {
  path: ['logout'],
  use: 'oc logout',
  short: 'End the current server session',
  flags: [],
  async run(ctx) {
    const cfg = await readKubeConfig(ctx.global.kubeconfig);
    const resolved = resolveContext(cfg, ctx.global.context);
    if (!cfg || !resolved) throw new CliExit(1, MISSING_CONFIG);
    const token = resolved.user.token;
    if (!token) throw new CliExit(1, 'error: You must have a token in order to logout.');
    const u = new URL(resolved.server);
    const profile = profileForIp(ctx.env.home, u.hostname);
    let user = resolved.userName.split('/')[0];
    if (profile) {
      ctx.profile = profile;
      await updateProfileState(ctx.env.home, profile, (cur) => {
        if (!cur) return { result: undefined };
        user = cur.vm.tokens[token] ?? user;
        const tokens = { ...cur.vm.tokens };
        delete tokens[token];
        return { value: { ...cur, vm: { ...cur.vm, tokens } }, result: undefined };
      });
    }
    const entry = cfg.users.find((x) => x.name === resolved.userName);
    if (entry) delete entry.user.token;
    await writeKubeConfig(ctx.global.kubeconfig, cfg);
    ctx.io.out(`Logged "${user}" out on "${resolved.server}"\n`);
    return 0;
  },
};
