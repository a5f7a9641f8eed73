import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

import { TOOLS_DIR } from '../paths.js';

/** Thrown when no `temporal` CLI can be found; the message says how to get one. */
export class TemporalCliNotFoundError extends Error {
  constructor(tried: string[]) {
    super(
      `The temporal CLI was not found (looked at: ${tried.join(', ')}). ` +
        'Run `npm run setup` to install it into .tools/, or set TEMPORAL_CLI to its path.',
    );
    this.name = 'TemporalCliNotFoundError';
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The `temporal` CLI binary to run: `TEMPORAL_CLI`, else the one `npm run setup` put in `.tools/bin`,
 * else the first `temporal` on PATH. Never downloads anything.
 */
export function findTemporalCli(env: NodeJS.ProcessEnv = process.env): string {
  const tried: string[] = [];
  if (env.TEMPORAL_CLI) {
    if (isExecutable(env.TEMPORAL_CLI)) return env.TEMPORAL_CLI;
    tried.push(`TEMPORAL_CLI=${env.TEMPORAL_CLI}`);
  }
  const local = join(TOOLS_DIR, 'bin', 'temporal');
  if (existsSync(local) && isExecutable(local)) return local;
  tried.push(local);
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'temporal');
    if (isExecutable(candidate)) return candidate;
  }
  tried.push('PATH');
  throw new TemporalCliNotFoundError(tried);
}
