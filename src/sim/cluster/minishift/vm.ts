import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

import { PROJECT_ROOT } from '../../../paths.js';
import type { SimEnv } from '../env.js';
import type { KubeConfig } from '../kubeconfig.js';
import { emptyKubeConfig, readKubeConfig, upsert, writeKubeConfig } from '../kubeconfig.js';
import { clusterNick, serverUrl } from '../vm-ip.js';
import { OPENSHIFT_VERSION } from './texts.js';

/** How minishift starts and stops the simulated router (injectable; AMP_SIM_ROUTER=none turns it off for tests). */
export interface RouterDeps {
  start(opts: { home: string; profile: string; ip: string; env?: NodeJS.ProcessEnv }): Promise<unknown>;
  stop(opts: { home: string; profile: string }): Promise<void>;
}

/** The real router (src/sim/router/process.ts), or no-ops when AMP_SIM_ROUTER=none. */
export async function defaultRouterDeps(env: SimEnv): Promise<RouterDeps> {
  if (env.raw.AMP_SIM_ROUTER === 'none') return { start: async () => undefined, stop: async () => undefined };
  const router = await import('../../router/process.js');
  return { start: (o) => router.startRouter(o), stop: (o) => router.stopRouter(o) };
}

/** A PEM block with random content, base64-encoded as kubeconfig `*-data` fields hold it. */
export function fakePemData(type: 'CERTIFICATE' | 'RSA PRIVATE KEY'): string {
  const body = randomBytes(540).toString('base64').replace(/(.{64})/g, '$1\n').trim();
  return Buffer.from(`-----BEGIN ${type}-----\n${body}\n-----END ${type}-----\n`).toString('base64');
}

/** A bearer token of the shape OpenShift 3.11 issues. */
export const newToken = (): string => randomBytes(32).toString('base64url').slice(0, 43);

/** The kubeconfig a profile's minishift writes: `$MINISHIFT_HOME/machines/<profile>_kubeconfig`. */
export function machineKubeconfig(env: SimEnv, profile: string): string {
  const base = profile === 'minishift' ? env.minishiftHome : join(env.minishiftHome, 'profiles', profile);
  return join(base, 'machines', `${profile}_kubeconfig`);
}

/** The entries `oc cluster up` + minishift's postClusterUp put into a kubeconfig; context `<profile>` becomes current. */
export function addClusterEntries(cfg: KubeConfig, o: { profile: string; ip: string; adminCert: string; adminKey: string; caData: string; developerToken: string }): void {
  const nick = clusterNick(o.ip);
  upsert(cfg.clusters, { name: nick, cluster: { 'certificate-authority-data': o.caData, server: serverUrl(o.ip) } });
  upsert(cfg.users, { name: `system:admin/${nick}`, user: { 'client-certificate-data': o.adminCert, 'client-key-data': o.adminKey } });
  upsert(cfg.users, { name: `developer/${nick}`, user: { token: o.developerToken } });
  upsert(cfg.contexts, { name: `default/${nick}/system:admin`, context: { cluster: nick, namespace: 'default', user: `system:admin/${nick}` } });
  upsert(cfg.contexts, { name: `myproject/${nick}/developer`, context: { cluster: nick, namespace: 'myproject', user: `developer/${nick}` } });
  upsert(cfg.contexts, { name: o.profile, context: { cluster: nick, namespace: 'myproject', user: `developer/${nick}` } });
  cfg['current-context'] = o.profile;
}

/** Writes the cluster entries into $KUBECONFIG (else ~/.kube/config) and the machine kubeconfig. */
export async function writeClusterKubeconfigs(env: SimEnv, o: Parameters<typeof addClusterEntries>[1]): Promise<void> {
  const cfg = (await readKubeConfig(env.kubeconfig)) ?? emptyKubeConfig();
  addClusterEntries(cfg, o);
  await writeKubeConfig(env.kubeconfig, cfg);
  const machine = emptyKubeConfig();
  addClusterEntries(machine, o);
  await writeKubeConfig(machineKubeconfig(env, o.profile), machine);
}

/** Removes every kubeconfig entry of a VM's cluster (minishift delete). */
export async function removeClusterEntries(env: SimEnv, ip: string): Promise<void> {
  const cfg = await readKubeConfig(env.kubeconfig);
  if (!cfg) return;
  const nick = clusterNick(ip);
  const dropped = new Set(cfg.contexts.filter((x) => x.context.cluster === nick).map((x) => x.name));
  cfg.contexts = cfg.contexts.filter((x) => !dropped.has(x.name));
  cfg.clusters = cfg.clusters.filter((x) => x.name !== nick);
  cfg.users = cfg.users.filter((x) => !x.name.endsWith(`/${nick}`));
  if (cfg['current-context'] && dropped.has(cfg['current-context'])) cfg['current-context'] = '';
  await writeKubeConfig(env.kubeconfig, cfg);
}

/** The folder `minishift oc-env` puts on PATH. */
export function ocCacheDir(env: SimEnv): string {
  return join(env.minishiftHome, 'cache', 'oc', OPENSHIFT_VERSION, 'linux');
}

/** Puts an `oc` (the simulated one) into the oc cache; returns false when it was already there. */
export function installOcBinary(env: SimEnv): boolean {
  const dir = ocCacheDir(env);
  const target = join(dir, 'oc');
  if (existsSync(target)) return false;
  mkdirSync(dir, { recursive: true });
  symlinkSync(join(PROJECT_ROOT, 'src', 'sim', 'bin', 'oc'), target);
  return true;
}

/** Whether the ISO was downloaded already (first start downloads it). */
export function isoCached(env: SimEnv): boolean {
  return existsSync(join(env.minishiftHome, 'cache', 'iso', 'centos', 'v1.16.0', 'minishift-centos7.iso'));
}

/** Marks the ISO as downloaded. */
export function cacheIso(env: SimEnv): void {
  const dir = join(env.minishiftHome, 'cache', 'iso', 'centos', 'v1.16.0');
  mkdirSync(dir, { recursive: true });
  rmSync(join(dir, 'minishift-centos7.iso'), { force: true });
  symlinkSync('/dev/null', join(dir, 'minishift-centos7.iso'));
}
