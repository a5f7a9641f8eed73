import { join } from 'node:path';

import { execa } from 'execa';

import { PROJECT_ROOT } from '../../src/paths.js';

/** Runs the built `amp-installer` CLI (bin/amp-installer.js) and returns its exit code and output; never throws. */
export async function runCli(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}) {
  const result = await execa('node', [join(PROJECT_ROOT, 'bin', 'amp-installer.js'), ...args], {
    cwd: opts.cwd ?? PROJECT_ROOT,
    env: opts.env,
    reject: false,
    timeout: opts.timeoutMs ?? 60_000,
  });
  return { code: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
}
