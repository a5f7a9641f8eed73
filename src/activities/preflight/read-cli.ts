import type { ActivityDeps } from '../deps.js';
import { runCli, type CliResult } from '../lib/run-cli.js';

/** Read-only sub-commands preflight may run (tests check the simulator's journal against this list). */
export const READ_ONLY = { oc: ['version', 'whoami', 'get'], minishift: ['version', 'status', 'ip'] } as const;

/**
 * Runs a read-only `oc`/`minishift` sub-command. Preflight must not change the cluster, the VM or the
 * kubeconfig, so anything else is refused here rather than trusted to each check.
 */
export async function readCli(deps: ActivityDeps, cli: 'oc' | 'minishift', args: string[], globalArgs: string[] = []): Promise<CliResult> {
  if (!(READ_ONLY[cli] as readonly string[]).includes(args[0])) throw new Error(`preflight may not run \`${cli} ${args[0]}\``);
  return runCli(deps, { cli, args: [...globalArgs, ...args], timeoutMs: 60_000 });
}

/** The first meaningful line a failed call printed, redacted. */
export function firstLine(deps: ActivityDeps, res: CliResult): string {
  const text = deps.redactor.redact(`${res.stderr}\n${res.stdout}`);
  return text.split('\n').map((l) => l.trim()).find((l) => l) ?? `exit code ${res.exitCode}`;
}
