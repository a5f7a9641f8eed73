import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { RouterInfo } from '../contracts.js';

/** `profiles/<profile>/router.json`. */
export function routerFilePath(home: string, profile: string): string {
  return join(home, 'profiles', profile, 'router.json');
}

/** The router.json of a profile as written (maybe stale), or undefined. */
export function readRouterFile(home: string, profile: string): RouterInfo | undefined {
  const path = routerFilePath(home, profile);
  if (!existsSync(path)) return undefined;
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as RouterInfo;
    return Number.isInteger(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
}

/** Writes router.json atomically (readers never see half a file). */
export function writeRouterFile(home: string, profile: string, info: RouterInfo): void {
  const path = routerFilePath(home, profile);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(info)}\n`);
  renameSync(tmp, path);
}
