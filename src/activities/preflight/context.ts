import { lookup as dnsLookup } from 'node:dns/promises';

import type { ActivityDeps } from '../deps.js';
import type { TemplateFacts } from './template-facts.js';
import type { PreflightInput } from './types.js';

/** Knobs of the preflight activity (the worker uses the defaults; tests inject look-ups and CAs). */
export interface PreflightOptions {
  /** Resolves a host name to an address, rejecting when it does not resolve. @default node:dns lookup */
  lookup?: (host: string) => Promise<string>;
  /** Extra CA certificates (PEM) to trust for registry HTTPS on top of Node's, e.g. a private registry's. */
  registryCa?: string;
  /** Time limit of each DNS look-up and registry request. @default 10 s */
  probeTimeoutMs?: number;
}

/** What the cluster check learnt, for the checks after it. */
export interface ClusterFacts {
  /** Minishift platform: the profile's VM. */
  vm?: 'running' | 'stopped' | 'absent';
  /** The VM IP (minishift, VM running) or the API server's IP (existing cluster). */
  ip?: string;
  /** API server URL, when known. */
  server?: string;
  /** Whether `oc` reaches the API server now. */
  reachable: boolean;
  /** Global `oc` arguments for read-only look-ups (a system:admin context when the current one is not). */
  ocArgs: string[];
}

/** Everything a check can read: the input, the worker's dependencies and what earlier checks found. */
export interface PreflightContext {
  deps: ActivityDeps;
  input: PreflightInput;
  options: Required<Pick<PreflightOptions, 'lookup' | 'probeTimeoutMs'>> & Pick<PreflightOptions, 'registryCa'>;
  tools?: { oc: boolean; minishift: boolean };
  template?: TemplateFacts;
  cluster?: ClusterFacts;
}

/** Options with their defaults. */
export function withDefaults(options: PreflightOptions = {}): PreflightContext['options'] {
  return {
    lookup: options.lookup ?? (async (host) => (await dnsLookup(host)).address),
    probeTimeoutMs: options.probeTimeoutMs ?? 10_000,
    registryCa: options.registryCa,
  };
}

/** Rejects after `ms` unless `work` settles first (DNS look-ups have no time limit of their own). */
export function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}
