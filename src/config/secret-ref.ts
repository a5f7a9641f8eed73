import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

/** Thrown when a secret reference (`env:NAME`, `file:PATH`) cannot be resolved; the message names it, never a value. */
export class SecretRefError extends Error {
  constructor(
    public readonly ref: string,
    message: string,
  ) {
    super(message);
    this.name = 'SecretRefError';
  }
}

/** True for `env:NAME` and `file:PATH` references. */
export function isRef(value: string): boolean {
  return value.startsWith('env:') || value.startsWith('file:');
}

/**
 * The value a reference points at: an environment variable, or a file's content without its trailing newline.
 * Inline values (not a reference) are returned as they are.
 */
export function resolveRef(value: string, env: NodeJS.ProcessEnv = process.env, baseDir = process.cwd()): string {
  if (value.startsWith('env:')) {
    const name = value.slice(4);
    const v = env[name];
    if (v === undefined) throw new SecretRefError(value, `environment variable ${name} is not set`);
    if (v === '') throw new SecretRefError(value, `environment variable ${name} is empty`);
    return v;
  }
  if (value.startsWith('file:')) {
    const path = absoluteRefPath(value.slice(5), baseDir);
    let content: string;
    try {
      content = readFileSync(path, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable' : `cannot be read (${code})`;
      throw new SecretRefError(value, `file ${path} ${why}`);
    }
    const v = content.replace(/\r?\n$/, '');
    if (v === '') throw new SecretRefError(value, `file ${path} is empty`);
    return v;
  }
  return value;
}

/** A `file:` reference's path made absolute against the spec file's folder. */
export function absoluteRefPath(path: string, baseDir: string): string {
  return isAbsolute(path) ? path : resolve(baseDir, path);
}
