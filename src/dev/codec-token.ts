import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { generateCodecToken } from '../codec/index.js';
import { defaultRedactor } from '../redaction/index.js';

/**
 * The dev codec server's bearer token, kept in `<data dir>/codec-token` (0600) so the Web UI's codec endpoint
 * (which carries it) stays the same across `dev` restarts.
 */
export function devCodecToken(dataDir: string): string {
  const file = join(dataDir, 'codec-token');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, `${generateCodecToken()}\n`, { mode: 0o600, flag: 'wx' });
  }
  const token = readFileSync(file, 'utf8').trim();
  defaultRedactor.add(token, 'codec token');
  return token;
}
