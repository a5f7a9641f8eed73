import { runCli } from '../activities/lib/run-cli.js';
import type { RuntimeConfig } from '../config/env.js';
import { createRedactor } from '../redaction/index.js';
import type { InstallStatus } from '../shared/install-status.js';

/** The secrets whose locations the outputs name, read on demand from the cluster with this machine's `oc`. */
const SHOWN: Array<{ secret: string; key: string }> = [
  { secret: 'system-seed', key: 'ADMIN_USER' },
  { secret: 'system-seed', key: 'ADMIN_PASSWORD' },
  { secret: 'system-seed', key: 'ADMIN_ACCESS_TOKEN' },
  { secret: 'system-seed', key: 'MASTER_USER' },
  { secret: 'system-seed', key: 'MASTER_PASSWORD' },
];

/**
 * `status --show-secrets`: the only place amp-installer prints secret values, because the user asked for them.
 * They are read from the cluster at that moment; they never were in the workflow's history.
 */
export async function showSecrets(status: InstallStatus, config: RuntimeConfig): Promise<string> {
  if (!status.project) return 'No project is known for this install yet.';
  const deps = { cli: config.cli, env: process.env, redactor: createRedactor(null), dataDir: config.dataDir };
  const res = await runCli(deps, { cli: 'oc', args: ['get', 'secret', 'system-seed', '-n', status.project, '-o', 'json'], timeoutMs: 60_000 });
  if (res.exitCode !== 0) return `Could not read secret system-seed: ${res.stderr.trim()}`;
  const data = (JSON.parse(res.stdout) as { data?: Record<string, string> }).data ?? {};
  const lines = [`Secrets (from secret system-seed in project ${status.project}):`];
  for (const { secret, key } of SHOWN) {
    if (data[key] !== undefined) lines.push(`  ${secret}.${key}: ${Buffer.from(data[key], 'base64').toString('utf8')}`);
  }
  return lines.join('\n');
}
