import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { SimEnv } from '../env.js';
import type { ClusterFaults } from '../faults/cluster-faults.js';
import type { KubeConfig, ResolvedContext } from '../kubeconfig.js';
import { readKubeConfig, resolveContext } from '../kubeconfig.js';
import type { VmState } from '../model/types.js';
import { ApiError, ConnectionRefusedError } from '../api/errors.js';
import type { ClusterScope } from '../store/session.js';
import { readProfileState } from '../store/session.js';
import { sha256Hex } from '../random.js';
import { vmIp } from '../vm-ip.js';
import type { CliIO } from './io.js';
import { CliExit } from './io.js';

/** Everything an `oc` command needs from its invocation. */
export interface OcContext {
  env: SimEnv;
  io: CliIO;
  faults: ClusterFaults;
  /** Global flags (-n, --config/--kubeconfig, --context, --server, --token). */
  global: { namespace?: string; kubeconfig: string; context?: string; server?: string; token?: string; insecure?: boolean };
  /** The profile the command talked to (for the journal). */
  profile?: string;
}

/** An authenticated connection to a running simulated cluster. */
export interface Connection {
  kubeconfig: KubeConfig;
  resolved: ResolvedContext;
  ip: string;
  hostPort: string;
  server: string;
  profile: string;
  /** `system:admin`, `developer`, … or `system:anonymous`. */
  user: string;
  namespace: string;
  scope: ClusterScope;
}

/** The text of client-go's ErrEmptyConfig as oc prints it (openshift-cli.md §0.1). */
export const MISSING_CONFIG = `error: Missing or incomplete configuration info.  Please login or point to an existing, complete config file:

  1. Via the command-line flag --config
  2. Via the KUBECONFIG environment variable
  3. In your home directory as ~/.kube/config

To view or setup config directly use the 'config' command.
`;

/** The profile whose VM has this address, if any. */
export function profileForIp(home: string, ip: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(join(home, 'profiles'));
  } catch {
    return undefined;
  }
  return names.find((p) => vmIp(home, p) === ip);
}

/** Fingerprint of a client certificate as the VM remembers it. */
export const certFingerprint = (certData: string): string => sha256Hex(certData.trim());

/** Who the kubeconfig user entry authenticates as on this VM (Unauthorized for stale credentials). */
export function identify(vm: VmState, user: ResolvedContext['user']): string {
  if (user['client-certificate-data']) {
    if (certFingerprint(user['client-certificate-data']) === vm.adminCert) return 'system:admin';
    throw new ApiError('Unauthorized', 'Unauthorized');
  }
  if (user.token) {
    const who = vm.tokens[user.token];
    if (!who) throw new ApiError('Unauthorized', 'Unauthorized');
    return who;
  }
  return 'system:anonymous';
}

/** host:port of a server URL. */
export function hostPort(server: string): { host: string; hostPort: string } {
  const u = new URL(server);
  return { host: u.hostname, hostPort: `${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}` };
}

/** Resolves the kubeconfig and reaches the cluster, or throws the error oc would print. */
export async function connect(ctx: OcContext): Promise<Connection> {
  const kubeconfig = await readKubeConfig(ctx.global.kubeconfig);
  const resolved = resolveContext(kubeconfig, ctx.global.context);
  if (!kubeconfig || !resolved) throw new CliExit(1, MISSING_CONFIG);
  const server = ctx.global.server ?? resolved.server;
  const { host, hostPort: hp } = hostPort(server);
  const profile = profileForIp(ctx.env.home, host);
  const state = profile ? readProfileState(ctx.env.home, profile) : undefined;
  if (!profile || !state || state.vm.status !== 'Running' || state.vm.openshift !== 'Running') throw new ConnectionRefusedError(hp);
  ctx.profile = profile;
  const user = ctx.global.token ? (state.vm.tokens[ctx.global.token] ?? failUnauthorized()) : identify(state.vm, resolved.user);
  return {
    kubeconfig,
    resolved,
    ip: host,
    hostPort: hp,
    server,
    profile,
    user,
    namespace: ctx.global.namespace ?? resolved.namespace ?? 'default',
    scope: { home: ctx.env.home, profile, speed: ctx.env.speed, faults: ctx.faults },
  };
}

function failUnauthorized(): never {
  throw new ApiError('Unauthorized', 'Unauthorized');
}
