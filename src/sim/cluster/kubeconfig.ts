import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { simHome } from '../home.js';

/** A kubeconfig file (only the parts oc and minishift touch). */
export interface KubeConfig {
  apiVersion: 'v1';
  kind: 'Config';
  clusters: Array<{ name: string; cluster: { server: string; 'certificate-authority-data'?: string; 'insecure-skip-tls-verify'?: boolean } }>;
  contexts: Array<{ name: string; context: { cluster: string; user: string; namespace?: string } }>;
  users: Array<{ name: string; user: { token?: string; 'client-certificate-data'?: string; 'client-key-data'?: string } }>;
  'current-context'?: string;
  preferences: Record<string, unknown>;
}

/** An empty kubeconfig. */
export function emptyKubeConfig(): KubeConfig {
  return { apiVersion: 'v1', kind: 'Config', clusters: [], contexts: [], users: [], preferences: {} };
}

/**
 * Parsing YAML costs most of an `oc` call's start-up, so the parsed form is cached in the state folder, keyed by the
 * kubeconfig's path and identified by inode/mtime/size (any rewrite, ours or anybody's, invalidates it).
 */
function cacheFile(path: string): string {
  return join(simHome(), 'cache', `kubeconfig-${createHash('sha256').update(resolve(path)).digest('hex').slice(0, 16)}.json`);
}

const stamp = (path: string): string | undefined => {
  try {
    const st = statSync(path);
    return `${st.ino}/${st.mtimeMs}/${st.size}`;
  } catch {
    return undefined;
  }
};

function writeCache(path: string, doc: unknown): void {
  try {
    const file = cacheFile(path);
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ stamp: stamp(path), doc }));
    renameSync(tmp, file);
  } catch {
    // the cache is an optimisation only
  }
}

function normalise(doc: Partial<KubeConfig>): KubeConfig {
  return { ...emptyKubeConfig(), ...doc, clusters: doc.clusters ?? [], contexts: doc.contexts ?? [], users: doc.users ?? [] };
}

/** Reads a kubeconfig (YAML), or undefined when the file does not exist or is empty. */
export async function readKubeConfig(path: string): Promise<KubeConfig | undefined> {
  const current = stamp(path);
  if (current === undefined) return undefined;
  try {
    const cached = JSON.parse(readFileSync(cacheFile(path), 'utf8')) as { stamp: string; doc: Partial<KubeConfig> | null };
    if (cached.stamp === current) return cached.doc ? normalise(cached.doc) : undefined;
  } catch {
    // no usable cache: parse the file
  }
  const text = readFileSync(path, 'utf8');
  const { parse } = await import('yaml');
  const doc = text.trim() === '' ? null : ((parse(text) ?? {}) as Partial<KubeConfig>);
  writeCache(path, doc);
  return doc ? normalise(doc) : undefined;
}

/** Writes a kubeconfig the way client-go does (sorted keys, YAML), atomically. */
export async function writeKubeConfig(path: string, cfg: KubeConfig): Promise<void> {
  const { stringify } = await import('yaml');
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, stringify(cfg, { sortMapEntries: true, indentSeq: false, lineWidth: 0 }), { mode: 0o600 });
  renameSync(tmp, path);
  writeCache(path, JSON.parse(JSON.stringify(cfg)));
}

/** Adds or replaces a named entry of a kubeconfig list. */
export function upsert<T extends { name: string }>(list: T[], entry: T): void {
  const i = list.findIndex((x) => x.name === entry.name);
  if (i >= 0) list[i] = entry;
  else list.push(entry);
}

/** What the current context resolves to. */
export interface ResolvedContext {
  contextName: string;
  clusterName: string;
  server: string;
  userName: string;
  user: KubeConfig['users'][number]['user'];
  namespace: string | undefined;
}

/** Resolves the current (or a named) context; undefined when the config is incomplete. */
export function resolveContext(cfg: KubeConfig | undefined, contextName?: string): ResolvedContext | undefined {
  if (!cfg) return undefined;
  const name = contextName ?? cfg['current-context'];
  const ctx = cfg.contexts.find((x) => x.name === name);
  if (!ctx) return undefined;
  const cluster = cfg.clusters.find((x) => x.name === ctx.context.cluster);
  if (!cluster?.cluster.server) return undefined;
  const user = cfg.users.find((x) => x.name === ctx.context.user);
  return {
    contextName: ctx.name,
    clusterName: cluster.name,
    server: cluster.cluster.server,
    userName: ctx.context.user,
    user: user?.user ?? {},
    namespace: ctx.context.namespace,
  };
}
