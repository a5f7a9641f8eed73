import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { expect } from '@jest/globals';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { execa } from 'execa';

import type { ActivityDeps } from '../../../src/activities/deps.js';
import type { PreflightOptions } from '../../../src/activities/preflight/context.js';
import { runPreflight } from '../../../src/activities/preflight/preflight.js';
import type { CheckName, CheckResult, PreflightReport } from '../../../src/activities/preflight/types.js';
import { preflightInput } from '../../../src/plugins/preflight.js';
import { createRedactor } from '../../../src/redaction/index.js';
import { parseSpec, type InstallSpecInput } from '../../../src/shared/spec.js';
import { SIM_BIN, simWorld, TEMPLATE_24, type SimWorld } from '../../helpers/sim.js';
import { testdir } from '../../helpers/testdir.js';

/** A simulated world without router processes (preflight never needs one). */
export function preflightWorld(extraEnv: NodeJS.ProcessEnv = {}): SimWorld {
  return simWorld({ speed: 200, extraEnv: { AMP_SIM_ROUTER: 'none', ...extraEnv } });
}

/** Activity dependencies running the simulator's CLIs of `world`, with a private redactor. */
export function depsFor(world: SimWorld, overrides: Partial<ActivityDeps> = {}): ActivityDeps {
  return { cli: { oc: 'oc', minishift: 'minishift' }, env: world.env, redactor: createRedactor(null), dataDir: testdir(), ...overrides };
}

/** Runs a simulator CLI in `world` (test setup: this may change things; preflight itself may not). */
export async function sim(world: SimWorld, cli: 'oc' | 'minishift', args: string[], input?: string) {
  const res = await execa(join(SIM_BIN, cli), args, { env: world.env, reject: false, input });
  return { code: res.exitCode ?? -1, stdout: String(res.stdout), stderr: String(res.stderr) };
}

/** Starts the profile's VM and logs in as system:admin; returns the VM IP. */
export async function startVm(world: SimWorld, profile: string): Promise<string> {
  const start = await sim(world, 'minishift', ['start', '--profile', profile]);
  expect(start.stderr).toBe('');
  expect((await sim(world, 'oc', ['login', '-u', 'system:admin'])).code).toBe(0);
  return (await sim(world, 'minishift', ['ip', '--profile', profile])).stdout.trim();
}

/** `oc create -f` of a List of the given objects in `project` (created first when missing). */
export async function createObjects(world: SimWorld, project: string, items: object[]): Promise<void> {
  if ((await sim(world, 'oc', ['get', 'project', project])).code !== 0) expect((await sim(world, 'oc', ['new-project', project])).code).toBe(0);
  const file = join(testdir(), 'objects.json');
  writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
  const res = await sim(world, 'oc', ['create', '-f', file, '-n', project]);
  expect(res.stderr).toBe('');
}

/** A minishift spec for `profile` with the 2.4 eval fixture template; `overrides` replace top-level keys. */
export function specFor(profile: string, overrides: Partial<InstallSpecInput> = {}): InstallSpecInput {
  return {
    platform: { type: 'minishift', profile, memory: '6GB', cpus: 2 },
    threescale: { release: '2.4.0', template: TEMPLATE_24, parameters: {} },
    ...overrides,
  };
}

/** Runs every check in an activity context and returns the report. */
export async function preflightOf(deps: ActivityDeps, spec: InstallSpecInput, options?: PreflightOptions): Promise<PreflightReport> {
  const parsed = parseSpec(spec);
  if (!parsed.spec) throw new Error(`test spec is invalid: ${JSON.stringify(parsed.problems)}`);
  return inActivity(() => runPreflight(deps, preflightInput(parsed.spec), options));
}

/** Runs `fn` as an activity (with a quiet logger: the checks log at INFO, failures at WARN). */
export function inActivity<T>(fn: () => Promise<T>): Promise<T> {
  return new MockActivityEnvironment({}, { logger: new DefaultLogger('ERROR') }).run(fn);
}

/** One check's result. */
export function checkOf(report: PreflightReport, name: CheckName): CheckResult {
  const found = report.checks.find((c) => c.check === name);
  if (!found) throw new Error(`no ${name} check in the report`);
  return found;
}

/** A look-up that resolves exactly the given host names or patterns (to 127.0.0.1) and fails others like DNS does. */
export function resolvesOnly(...hosts: Array<string | RegExp>): NonNullable<PreflightOptions['lookup']> {
  return async (host) => {
    if (hosts.some((h) => (typeof h === 'string' ? h === host : h.test(host)))) return '127.0.0.1';
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  };
}
