import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project root: the folder holding package.json. Works from `src/` (ts-jest) and from `lib/src/` (built).
 */
export const PROJECT_ROOT: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('amp-installer: cannot find the project root (package.json)');
    dir = up;
  }
  return dir;
})();

/** Project-local tools folder (`npm run setup` puts the `temporal` CLI here). */
export const TOOLS_DIR = join(PROJECT_ROOT, '.tools');

/** Project-local data folder: dev server SQLite file, codec key, simulator state. Override: AMP_DATA_DIR. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.AMP_DATA_DIR ?? join(PROJECT_ROOT, '.data');
}
