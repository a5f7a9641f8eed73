import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { simHome } from '../../home.js';

/**
 * Parsing YAML dominates a simulated CLI call's run time (kubeconfig on every call, the 100 KB templates on new-app),
 * so parsed documents are cached as JSON in the state folder, keyed by the source path and identified by its
 * inode/mtime/size: any rewrite of the source invalidates the entry.
 */
function cacheFile(kind: string, path: string): string {
  return join(simHome(), 'cache', `${kind}-${createHash('sha256').update(resolve(path)).digest('hex').slice(0, 16)}.json`);
}

/** The identity of a file's current content, or undefined when it does not exist. */
export function fileStamp(path: string): string | undefined {
  try {
    const st = statSync(path);
    return st.isFile() ? `${st.ino}/${st.mtimeMs}/${st.size}` : undefined;
  } catch {
    return undefined;
  }
}

/** Stores the parsed form of `path` (best effort). */
export function storeParsed(kind: string, path: string, doc: unknown): void {
  try {
    const file = cacheFile(kind, path);
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ stamp: fileStamp(path), doc }));
    renameSync(tmp, file);
  } catch {
    // the cache is an optimisation only
  }
}

/** The cached parse of `path` when it is still current. */
export function cachedParse(kind: string, path: string): { doc: unknown } | undefined {
  const current = fileStamp(path);
  if (current === undefined) return undefined;
  try {
    const cached = JSON.parse(readFileSync(cacheFile(kind, path), 'utf8')) as { stamp: string; doc: unknown };
    return cached.stamp === current ? { doc: cached.doc } : undefined;
  } catch {
    return undefined;
  }
}
