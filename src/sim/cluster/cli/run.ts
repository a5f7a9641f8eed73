import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { appendJournal, redactArgv } from '../../journal.js';
import { realSleep } from '../clock.js';
import type { SimEnv } from '../env.js';
import { readSimEnv } from '../env.js';
import type { ClusterFaults } from '../faults/cluster-faults.js';
import { clusterFaults } from '../faults/cluster-faults.js';
import { activeFaults, consumeFault } from '../faults/store.js';
import type { StoredFault } from '../faults/types.js';
import type { CliIO } from './io.js';
import { CliExit, processIO } from './io.js';

/** What the wrapper hands to a CLI implementation. */
export interface CliRuntime {
  env: SimEnv;
  io: CliIO;
  faults: ClusterFaults;
  /** Every active fault (for the kinds the command consumes itself, e.g. minishift-start). */
  activeFaults: StoredFault[];
  /** Records which profile the call concerned (journal). */
  setProfile(profile: string): void;
}

/** Folder where running simulator processes register (so `amp-installer sim reset` can stop them). */
export const pidDir = (home: string): string => join(home, 'pids');

function registerPid(home: string, cli: string): void {
  try {
    mkdirSync(pidDir(home), { recursive: true });
    const file = join(pidDir(home), String(process.pid));
    writeFileSync(file, cli);
    process.once('exit', () => rmSync(file, { force: true }));
  } catch {
    // best effort, like the journal
  }
}

/** Global flags that take a value and are ignored when matching CLI faults. */
const VALUE_FLAGS: Record<'oc' | 'minishift', string[]> = {
  oc: ['-n', '--namespace', '--config', '--kubeconfig', '--loglevel', '--context', '--server', '--token', '--request-timeout'],
  minishift: ['--profile'],
};

/** argv without global flags, for matching `match: "oc get pods"` style faults. */
export function commandWords(cli: 'oc' | 'minishift', argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (VALUE_FLAGS[cli].includes(a)) {
      i++;
      continue;
    }
    if (VALUE_FLAGS[cli].some((f) => a.startsWith(`${f}=`)) || /^-n.+/.test(a)) continue;
    out.push(a);
  }
  return out;
}

/** The first active `cli` fault matching this call. */
export function matchCliFault(faults: readonly StoredFault[], cli: 'oc' | 'minishift', argv: readonly string[]): Extract<StoredFault, { kind: 'cli' }> | undefined {
  const words = commandWords(cli, argv);
  return faults.find((f): f is Extract<StoredFault, { kind: 'cli' }> => {
    if (f.kind !== 'cli') return false;
    const [fcli, ...prefix] = f.match.trim().split(/\s+/);
    return fcli === cli && prefix.every((p, i) => words[i] === p);
  });
}

/**
 * Runs one simulated CLI invocation: applies CLI faults (fail / hang), runs the implementation, journals the call
 * (argv redacted) and sets the exit code. SIGTERM/SIGINT end the process (journaled as 143/130).
 */
export async function runCli(cli: 'oc' | 'minishift', argv: string[], impl: (rt: CliRuntime) => Promise<number>): Promise<void> {
  const started = Date.now();
  const env = readSimEnv();
  let profile: string | undefined;
  const record = (exit: number): void => {
    try {
      appendJournal(env.home, { kind: 'cli', cli, argv: redactArgv(argv), exit, ms: Date.now() - started, ...(profile ? { profile } : {}) });
    } catch {
      // the journal is best effort: a read-only state folder must not change the CLI's behaviour
    }
  };
  const io = processIO(() => record(141));
  for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
    process.once(signal, () => {
      record(code);
      process.exit(code);
    });
  }
  // Registered after the signal handlers: whoever sees the pid file may signal the process and get a journal line.
  registerPid(env.home, cli);
  let code: number;
  try {
    const faults = await activeFaults(env.home, env.faultsFile);
    const fault = matchCliFault(faults, cli, argv);
    let handled = false;
    if (fault && (await consumeFault(env.home, fault))) {
      if (fault.hangSeconds) await realSleep(fault.hangSeconds * 1000);
      if (fault.stderr !== undefined || fault.stdout !== undefined || fault.exitCode !== undefined) {
        if (fault.stdout) io.out(fault.stdout.endsWith('\n') ? fault.stdout : `${fault.stdout}\n`);
        if (fault.stderr) io.err(fault.stderr.endsWith('\n') ? fault.stderr : `${fault.stderr}\n`);
        code = fault.exitCode ?? 1;
        handled = true;
      }
    }
    if (!handled) code = await impl({ env, io, faults: clusterFaults(faults), activeFaults: faults, setProfile: (p) => (profile = p) });
  } catch (err) {
    if (err instanceof CliExit) {
      if (err.stderr) io.err(err.stderr.endsWith('\n') ? err.stderr : `${err.stderr}\n`);
      code = err.code;
    } else {
      io.err(`${cli} (simulator): internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      code = 1;
    }
  }
  code ??= 1;
  record(code!);
  process.exitCode = code!;
}
