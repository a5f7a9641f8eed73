import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import lockfile from 'proper-lockfile';

import type { SystemDb } from './model.js';

/** Identifies one install: the project and its metadata.uid (a recreated project is a new install). */
export interface InstallKey {
  project: string;
  uid: string;
}

/** `$AMP_SIM_HOME/threescale/<project>-<uid>.json`. */
export function systemDbPath(home: string, key: InstallKey): string {
  return join(home, 'threescale', `${key.project}-${key.uid}.json`);
}

// Many router requests (and, in tests, several routers) may touch one file at once: the lock makes every
// read-modify-write atomic, the temp file + rename makes every write all-or-nothing for readers.
const LOCK_OPTIONS = {
  realpath: false,
  stale: 10_000,
  retries: { retries: 200, factor: 1.2, minTimeout: 5, maxTimeout: 50 },
} as const;

/**
 * Runs `fn` on the install's database under an exclusive lock, seeding it with `seed()` when it does not
 * exist yet, and writes it back (atomically) if `fn` changed it.
 */
export async function withSystemDb<T>(
  home: string,
  key: InstallKey,
  seed: () => SystemDb,
  fn: (db: SystemDb) => T | Promise<T>,
): Promise<T> {
  const path = systemDbPath(home, key);
  mkdirSync(dirname(path), { recursive: true });
  const release = await lockfile.lock(path, LOCK_OPTIONS);
  try {
    let before = '';
    let db: SystemDb;
    if (existsSync(path)) {
      before = readFileSync(path, 'utf8');
      db = JSON.parse(before) as SystemDb;
    } else {
      db = seed();
    }
    const result = await fn(db);
    const after = JSON.stringify(db);
    if (after !== before) {
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, after);
      renameSync(tmp, path);
    }
    return result;
  } finally {
    await release();
  }
}
