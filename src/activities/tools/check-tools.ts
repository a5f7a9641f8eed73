import { devNull } from 'node:os';

import { log } from '@temporalio/activity';

import type { ActivityDeps } from '../deps.js';
import { runCli } from '../lib/run-cli.js';

/** One CLI as found on this worker. */
export interface ToolReport {
  /** What the worker runs (a name on PATH or a path). */
  command: string;
  found: boolean;
  /** First version line, e.g. `oc v3.11.0+0cbc58b` or `minishift v1.34.3+4b58f89`. */
  version?: string;
  /** Why it was not usable. */
  problem?: string;
}

/** Result of {@link checkTools}. */
export interface ToolsReport {
  oc: ToolReport;
  minishift: ToolReport;
}

async function probe(deps: ActivityDeps, cli: 'oc' | 'minishift', versionLine: RegExp): Promise<ToolReport> {
  const command = deps.cli[cli];
  try {
    // `oc version` also asks the current context's server, and waits out a timeout when that VM is stopped. With an
    // empty kubeconfig it prints the client block only (origin's version command: empty config → no server part),
    // so the probe is quick and never reaches a cluster — in a lab, that would be another student's VM.
    const env = cli === 'oc' ? { KUBECONFIG: devNull } : undefined;
    const result = await runCli(deps, { cli, args: ['version'], timeoutMs: 30_000, env });
    const version = `${result.stdout}\n${result.stderr}`.split('\n').find((l) => versionLine.test(l))?.trim();
    if (!version) return { command, found: true, problem: `unexpected \`${cli} version\` output` };
    return { command, found: true, version };
  } catch (err) {
    if ((err as { type?: string }).type === 'CliNotFound') return { command, found: false, problem: (err as Error).message };
    throw err;
  }
}

/** Checks that the configured `oc` and `minishift` exist on this worker and reports their versions. */
export function createCheckTools(deps: ActivityDeps) {
  return async function checkTools(): Promise<ToolsReport> {
    const [oc, minishift] = await Promise.all([
      probe(deps, 'oc', /^oc v\d/),
      probe(deps, 'minishift', /^minishift v\d/),
    ]);
    log.info('Tools checked', { oc: oc.version ?? oc.problem, minishift: minishift.version ?? minishift.problem });
    return { oc, minishift };
  };
}
