import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import lockfile from 'proper-lockfile';
import { parse } from 'yaml';

import { readJson, writeJsonAtomic } from '../store/json-file.js';
import { sha256Hex } from '../random.js';
import { FaultSchema } from './schema.js';
import { isActive } from './store.js';
import type { Fault, StoredFault } from './types.js';

/**
 * Synchronous fault access for the long-running router process (ClusterView's methods are synchronous); the CLIs use
 * the async ./store.ts, which loads YAML and zod lazily.
 */

let fileCache: { key: string; faults: Fault[] } | undefined;

function fileFaults(file: string): Fault[] {
  let key: string;
  try {
    const st = statSync(file);
    key = `${file}/${st.ino}/${st.mtimeMs}/${st.size}`;
  } catch {
    return [];
  }
  if (fileCache?.key === key) return fileCache.faults;
  const text = readFileSync(file, 'utf8');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    doc = parse(text);
  }
  const list = Array.isArray(doc) ? doc : ((doc as { faults?: unknown[] } | null)?.faults ?? []);
  const faults = list.flatMap((item) => {
    const r = FaultSchema.safeParse(item);
    return r.success ? [r.data as Fault] : [];
  });
  fileCache = { key, faults };
  return faults;
}

/** Every fault (both sources) with usage counts, read synchronously. */
export function allFaultsSync(home: string, faultsFile: string | undefined): StoredFault[] {
  const stored = (readJson<StoredFault[]>(join(home, 'faults.json')) ?? []).map((f) => ({ ...f, source: 'cli' as const }));
  if (!faultsFile) return stored;
  const used = readJson<Record<string, number>>(join(home, 'faults-used.json')) ?? {};
  const fromFile = fileFaults(faultsFile).map((f, i): StoredFault => {
    const id = `file-${i + 1}-${sha256Hex(JSON.stringify(f)).slice(0, 6)}`;
    return { ...f, id, used: used[id] ?? 0, source: 'file' };
  });
  return [...stored, ...fromFile];
}

function withLockSync<T>(file: string, fn: () => T): T {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 0; ; attempt++) {
    try {
      const release = lockfile.lockSync(file, { realpath: false, stale: 15_000, lockfilePath: `${file}.lock` });
      try {
        return fn();
      } finally {
        release();
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED' || attempt > 400) throw err;
      Atomics.wait(sleeper, 0, 0, 5 + Math.floor(Math.random() * 20));
    }
  }
}

const gatewayMatches = (pattern: string | undefined, host: string): boolean =>
  pattern === undefined || pattern === host || (pattern.startsWith('*.') && host.endsWith(pattern.slice(1)));

/** Consumes one unit of the first armed gateway fault for `host`; returns its answer. */
export function takeGatewayFaultSync(home: string, faultsFile: string | undefined, host: string): { status: number; body: string } | undefined {
  const bare = host.replace(/:\d+$/, '');
  for (const f of allFaultsSync(home, faultsFile)) {
    if (f.kind !== 'gateway' || !isActive(f) || !gatewayMatches(f.host, bare)) continue;
    const file = join(home, f.source === 'cli' ? 'faults.json' : 'faults-used.json');
    const taken = withLockSync(file, () => {
      if (f.source === 'cli') {
        const list = readJson<StoredFault[]>(file) ?? [];
        const cur = list.find((x) => x.id === f.id);
        if (!cur || !isActive(cur)) return false;
        cur.used += 1;
        writeJsonAtomic(file, list);
        return true;
      }
      const used = readJson<Record<string, number>>(file) ?? {};
      if ((used[f.id] ?? 0) >= f.times) return false;
      used[f.id] = (used[f.id] ?? 0) + 1;
      writeJsonAtomic(file, used);
      return true;
    });
    if (taken) return { status: f.status, body: f.body };
  }
  return undefined;
}
