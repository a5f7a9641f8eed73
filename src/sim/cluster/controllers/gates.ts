import type { Cluster } from '../model/cluster.js';
import type { EnvVar } from './util.js';
import { resolveEnv, serviceReady } from './util.js';

/**
 * Which environment variables a 3scale rake task connects through (porta lib/tasks/boot.rake, backend's
 * connectivity tasks). This is knowledge about the images' commands; every service name comes from the template.
 */
const RAKE_TASK_ENV: Record<string, string[]> = {
  boot: ['DATABASE_URL', 'REDIS_URL', 'BACKEND_ROUTE'],
  'boot:all': ['DATABASE_URL', 'REDIS_URL', 'BACKEND_ROUTE'],
  'boot:database': ['DATABASE_URL'],
  'boot:db': ['DATABASE_URL'],
  'boot:redis': ['REDIS_URL'],
  'boot:backend': ['BACKEND_ROUTE'],
  'connectivity:redis_storage_queue_check': ['CONFIG_QUEUES_MASTER_NAME', 'CONFIG_REDIS_PROXY'],
  'connectivity:redis_storage_check': ['CONFIG_REDIS_PROXY'],
  'connectivity:redis_queue_check': ['CONFIG_QUEUES_MASTER_NAME'],
};

/** One thing a container waits for: a Service (directly or behind a Route host) reached through a URL. */
export interface Dependency {
  service: string;
  /** The URL (or host) the command uses, for log messages. */
  url: string;
}

const URL_RE = /\b([a-z][a-z0-9+.-]*):\/\/(?:[^@\s/"']*@)?([a-zA-Z0-9.-]+)(?::(\d+))?/g;

function hostsIn(text: string): Array<{ scheme: string; host: string; port?: string; url: string }> {
  return [...text.matchAll(URL_RE)].map((m) => ({ scheme: m[1], host: m[2], port: m[3], url: m[0] }));
}

/** The Service behind a host name: a Service of that name, or the target of a Route with that host. */
function serviceForHost(c: Cluster, ns: string, host: string): string | undefined {
  const short = host.split('.')[0];
  if (c.get(ns, 'Service', host)) return host;
  if (host.endsWith('.svc') || host.includes('.svc.cluster.local')) return c.get(ns, 'Service', short) ? short : undefined;
  const route = c.list(ns, 'Route').find((r) => r.spec?.host === host);
  return route?.spec?.to?.name;
}

/** The rake tasks named in a command line. */
function rakeTasks(cmd: string): string[] {
  const tasks: string[] = [];
  for (const m of cmd.matchAll(/\brake\s+((?:[\w:]+(?:\[[^\]]*\])?\s*)+)/g)) {
    for (const t of m[1].split(/\s+/)) if (t && !t.includes('=')) tasks.push(t.replace(/\[.*$/, ''));
  }
  return tasks;
}

/**
 * What a container (init container or hook) waits for, derived from its command and env: URLs in the command line
 * (`curl http://system-master:3000/status`) and the env vars the named rake tasks connect through.
 */
export function dependenciesOf(
  c: Cluster,
  ns: string,
  container: { command?: string[]; args?: string[]; env?: EnvVar[] },
): Dependency[] {
  const cmd = [...(container.command ?? []), ...(container.args ?? [])].join(' ');
  const env = resolveEnv(c, ns, container.env);
  const found = new Map<string, Dependency>();
  const addHost = (host: string, url: string): void => {
    const service = serviceForHost(c, ns, host);
    if (service && !found.has(service)) found.set(service, { service, url });
  };
  for (const h of hostsIn(cmd)) addHost(h.host, h.url);
  for (const task of rakeTasks(cmd)) {
    for (const name of RAKE_TASK_ENV[task] ?? []) {
      const value = env[name];
      if (!value) continue;
      for (const h of hostsIn(value)) addHost(h.host, h.url);
    }
  }
  return [...found.values()];
}

/** The dependencies that are not ready yet (a Service without a ready endpoint). */
export function missingDependencies(c: Cluster, ns: string, deps: Dependency[]): Dependency[] {
  return deps.filter((d) => !serviceReady(c, ns, d.service));
}

/** A plausible client error line for a failed connection (what the rake task or curl prints). */
export function connectionErrorLine(dep: Dependency): string {
  const m = /^([a-z0-9+.-]+):\/\/(?:[^@\s/]*@)?([^/:\s]+)(?::(\d+))?/.exec(dep.url);
  const scheme = m?.[1] ?? 'http';
  const host = m?.[2] ?? dep.service;
  if (scheme.startsWith('mysql')) return `Mysql2::Error: Can't connect to MySQL server on '${host}' (111 "Connection refused")`;
  if (scheme.startsWith('redis')) return `Redis::CannotConnectError: Error connecting to Redis on ${host}:${m?.[3] ?? '6379'} (Errno::ECONNREFUSED)`;
  if (scheme.startsWith('postgres')) return `PG::ConnectionBad: could not connect to server: Connection refused\n\tIs the server running on host "${host}" and accepting\n\tTCP/IP connections on port ${m?.[3] ?? '5432'}?`;
  const port = m?.[3] ?? (scheme === 'https' ? '443' : '80');
  return `Errno::ECONNREFUSED: Failed to open TCP connection to ${host}:${port} (Connection refused - connect(2) for "${host}" port ${port})`;
}
