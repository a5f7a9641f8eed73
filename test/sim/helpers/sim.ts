import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { execa } from 'execa';

import { PROJECT_ROOT } from '../../../src/paths.js';

/** An API object as tests inspect it (free-form JSON). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk arbitrary API JSON.
export type ApiObject = Record<string, any>;

/** The result of one simulated CLI call. */
export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Options of one call. */
export interface CallOptions {
  /** Text for stdin (default: empty stdin, i.e. immediate EOF). */
  input?: string;
  /** AMP_SIM_SPEED for this call only. */
  speed?: number;
  /** Extra environment. */
  env?: Record<string, string>;
  /** Kill the call (SIGTERM) after this many ms. */
  timeout?: number;
  /** Working directory. */
  cwd?: string;
}

/** Path of a template fixture. */
export const fixture = (name: string): string => resolve(PROJECT_ROOT, '../shared/fixtures/3scale-templates', name);

const BIN = join(PROJECT_ROOT, 'src', 'sim', 'bin');

/** An isolated simulator: its own state folder, kubeconfig and minishift home under a temp dir. */
export class SimHarness {
  readonly dir = mkdtempSync(join(tmpdir(), 'amp-sim-test-'));
  readonly home = join(this.dir, 'sim');
  readonly kubeconfig = join(this.dir, 'kube', 'config');
  readonly minishiftHome = join(this.dir, 'minishift');

  constructor(
    /** Default AMP_SIM_SPEED. */
    public speed = 200,
    /** Start the real router on `minishift start` (off by default: AMP_SIM_ROUTER=none). */
    public router = false,
  ) {}

  /** The environment the executables run with (HOME points into the temp dir: the user's files are never touched). */
  env(extra: Record<string, string> = {}, speed = this.speed): Record<string, string> {
    return {
      PATH: `${BIN}:${process.env.PATH ?? ''}`,
      HOME: this.dir,
      AMP_SIM_HOME: this.home,
      KUBECONFIG: this.kubeconfig,
      MINISHIFT_HOME: this.minishiftHome,
      AMP_SIM_SPEED: String(speed),
      ...(this.router ? {} : { AMP_SIM_ROUTER: 'none' }),
      ...extra,
    };
  }

  /** Runs a simulated CLI. */
  async run(cli: 'oc' | 'minishift', args: string[], o: CallOptions = {}): Promise<CliResult> {
    const r = await execa(join(BIN, cli), args, {
      env: this.env(o.env, o.speed),
      extendEnv: false,
      reject: false,
      input: o.input ?? '',
      timeout: o.timeout,
      killSignal: 'SIGTERM',
      cwd: o.cwd,
    });
    return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode ?? -1 };
  }

  /** `oc …`. */
  oc(...args: string[]): Promise<CliResult> {
    return this.run('oc', args);
  }

  /** `minishift …`. */
  minishift(...args: string[]): Promise<CliResult> {
    return this.run('minishift', args);
  }

  /** Starts the VM fast (high speed for the boot only) and logs in as system:admin; returns the VM IP. */
  async up(): Promise<string> {
    const start = await this.run('minishift', ['start'], { speed: 100_000 });
    if (start.exitCode !== 0) throw new Error(`minishift start failed: ${start.stderr}`);
    const login = await this.oc('login', '-u', 'system:admin');
    if (login.exitCode !== 0) throw new Error(`oc login failed: ${login.stderr}`);
    return (await this.minishift('ip')).stdout.trim();
  }

  /** Polls `check` until it returns a value (or throws after `ms` real milliseconds). */
  async until<T>(what: string, check: () => Promise<T | undefined>, ms = 20_000, every = 150): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = await check();
      if (v !== undefined) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, every));
    }
  }

  /** Parsed `oc get <what> -o json`. */
  async json<T = { items: ApiObject[] }>(...args: string[]): Promise<T> {
    const r = await this.oc('get', ...args, '-o', 'json');
    if (r.exitCode !== 0) throw new Error(`oc get ${args.join(' ')} failed: ${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  }

  /** Stops the router (if any) and removes the temp dir. */
  async cleanup(): Promise<void> {
    const { resetSimulator } = await import('../../../src/sim/cluster/admin/reset.js');
    await resetSimulator({ ...process.env, AMP_SIM_HOME: this.home });
    rmSync(this.dir, { recursive: true, force: true });
  }
}
