import { join } from 'node:path';

import type { Client } from '@temporalio/client';
import { stringify } from 'yaml';

import type { InstallSpecInput } from '../../src/shared/spec.js';
import { runCli } from '../helpers/cli.js';
import { testdir } from '../helpers/testdir.js';

/** A spec file for `schedule create`; the target (profile, project) is unique to the test so schedules never clash. */
export function specFile(spec: InstallSpecInput): string {
  const dir = testdir({ 'spec.yaml': stringify(spec) });
  return join(dir, 'spec.yaml');
}

/** Runs `amp-installer schedule …` against the test dev server, on `taskQueue`. */
export function scheduleCli(args: string[], taskQueue: string, extraEnv: NodeJS.ProcessEnv = {}) {
  return runCli(['schedule', ...args], { env: { AMP_TASK_QUEUE: taskQueue, ...extraEnv } });
}

/** Polls `check` until it returns a value (schedule lists and visibility are eventually consistent). */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Deletes the schedules (ignoring those already gone): test cleanup. */
export async function deleteSchedules(client: Client, names: string[]): Promise<void> {
  await Promise.all(names.map((n) => client.schedule.getHandle(n).delete().catch(() => undefined)));
}
