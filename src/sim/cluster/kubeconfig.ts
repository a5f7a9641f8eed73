import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import { cachedParse, fileStamp, storeParsed } from './store/parse-cache.js';

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

function normalise(doc: Partial<KubeConfig>): KubeConfig {
  return { ...emptyKubeConfig(), ...doc, clusters: doc.clusters ?? [], contexts: doc.contexts ?? [], users: doc.users ?? [] };
}

/** Reads a kubeconfig (YAML), or undefined when the file does not exist or is empty. */
export async function readKubeConfig(path: string): Promise<KubeConfig | undefined> {
  if (fileStamp(path) === undefined) return undefined;
  const cached = cachedParse('kubeconfig', path);
  if (cached) return cached.doc ? normalise(cached.doc as Partial<KubeConfig>) : undefined;
  const text = readFileSync(path, 'utf8');
  const { parse } = await import('yaml');
  const doc = text.trim() === '' ? null : ((parse(text) ?? {}) as Partial<KubeConfig>);
  storeParsed('kubeconfig', path, doc);
  return doc ? normalise(doc) : undefined;
}

/** Writes a kubeconfig the way client-go does (sorted keys, YAML), atomically. */
export async function writeKubeConfig(path: string, cfg: KubeConfig): Promise<void> {
  const { stringify } = await import('yaml');
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, stringify(cfg, { sortMapEntries: true, indentSeq: false, lineWidth: 0 }), { mode: 0o600 });
  renameSync(tmp, path);
  storeParsed('kubeconfig', path, JSON.parse(JSON.stringify(cfg)));
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
