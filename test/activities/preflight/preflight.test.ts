import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApplicationFailure } from '@temporalio/common';

import { createPreflight } from '../../../src/activities/preflight/preflight.js';
import type { PreflightReport } from '../../../src/activities/preflight/types.js';
import { preflightInput } from '../../../src/plugins/preflight.js';
import { parseSpec, type InstallSpecInput } from '../../../src/shared/spec.js';
import { TEMPLATE_24 } from '../../helpers/sim.js';
import { checkOf, createObjects, depsFor, inActivity, preflightOf, preflightWorld, sim, specFor, startVm } from './helpers.js';

const world = preflightWorld();
const PROFILE = 'preflight';
let ip = '';

beforeAll(async () => {
  ip = await startVm(world, PROFILE);
});
afterAll(() => world.reset());

/** Commands that only read, as the simulator journals them (global flags such as --context removed). */
const READ_ONLY: Record<string, string[]> = { oc: ['version', 'whoami', 'get'], minishift: ['version', 'status', 'ip'] };
function commandOf(entry: Record<string, unknown>): string {
  const argv = entry.argv as string[];
  const words = argv.filter((a, i) => !a.startsWith('-') && !['--context', '-n', '--profile', '-o'].includes(argv[i - 1]));
  return words[0];
}

const input = (spec: InstallSpecInput) => preflightInput(parseSpec(spec).spec!);

describe('preflight', () => {
  it('Preflight reports several problems at once (missing CLI, stale secrets, unresolvable domain without router address)', async () => {
    await createObjects(world, 'leftovers', [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'system-seed' }, stringData: { ADMIN_PASSWORD: 'old-admin-pw' } }]);
    const deps = depsFor(world, { cli: { oc: 'oc', minishift: '/nonexistent/minishift' } });
    const spec = specFor(PROFILE, { openshift: { user: 'system:admin', project: 'leftovers' }, threescale: { release: '2.4.0', template: TEMPLATE_24, wildcardDomain: 'apps.example.invalid', parameters: {} } });
    const report = await preflightOf(deps, spec);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.stringMatching(/^tools: minishift not found on the worker: \/nonexistent\/minishift/),
      expect.stringMatching(/^domain: 3scale-admin\.apps\.example\.invalid does not resolve/),
      expect.stringMatching(/^project: project leftovers holds 1 objects of an earlier 3scale install but none of its DeploymentConfigs: secret\/system-seed\./),
    ]);
    expect(report.checks.filter((c) => !c.ok).map((c) => c.check)).toEqual(['tools', 'domain', 'project']);
    expect(JSON.stringify(report)).not.toContain('old-admin-pw');
  });

  it('changes nothing: every command it runs only reads, and the kubeconfig stays as it was', async () => {
    expect((await sim(world, 'oc', ['new-project', 'complete'])).code).toBe(0);
    expect((await sim(world, 'oc', ['new-app', '-f', TEMPLATE_24, '-p', `WILDCARD_DOMAIN=${ip}.nip.io`, '-n', 'complete'])).code).toBe(0);
    // After a minishift restart the current context is the developer's: preflight must not log in to fix that.
    expect((await sim(world, 'oc', ['login', '-u', 'developer', '-p', 'developer'])).code).toBe(0);
    const kubeconfig = readFileSync(world.env.KUBECONFIG!, 'utf8');
    const before = (await world.journal()).length;
    try {
      const report = await preflightOf(depsFor(world), specFor(PROFILE, { openshift: { user: 'system:admin', project: 'complete' }, router: { address: ip } }));
      expect(checkOf(report, 'project')).toMatchObject({ ok: true, summary: expect.stringContaining('holds an install of') });
      const calls = (await world.journal()).slice(before);
      expect(calls.length).toBeGreaterThan(0);
      for (const call of calls) expect(READ_ONLY[String(call.cli)]).toContain(commandOf(call));
      expect(readFileSync(world.env.KUBECONFIG!, 'utf8')).toBe(kubeconfig);
    } finally {
      expect((await sim(world, 'oc', ['login', '-u', 'system:admin'])).code).toBe(0);
    }
  });

  it('as an activity, fails non-retryably with type PreflightFailed listing every problem, after running every check', async () => {
    const preflight = createPreflight(depsFor(world, { cli: { oc: '/nonexistent/oc', minishift: '/nonexistent/minishift' } }));
    const spec = specFor(PROFILE, { threescale: { release: '2.4.0', template: TEMPLATE_24, wildcardDomain: 'apps.example.invalid', parameters: {} } });
    const err = await inActivity(() => preflight(input(spec))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    const failure = err as ApplicationFailure;
    expect(failure).toMatchObject({ type: 'PreflightFailed', nonRetryable: true });
    const report = failure.details?.[1] as PreflightReport;
    expect(report.checks.map((c) => c.check)).toEqual(['tools', 'template', 'cluster', 'resources', 'domain', 'project', 'registry']);
    expect(report.problems.length).toBe(3);
    expect(failure.message).toBe(`preflight found 3 problems:\n${report.problems.map((p) => `- ${p}`).join('\n')}`);
    expect(failure.details?.[0]).toMatchObject({ attempt: 1, suggestion: expect.stringContaining('resume') });
  });

  it('as an activity, returns the report with its warnings when nothing stops the install', async () => {
    const preflight = createPreflight(depsFor(world));
    const result = await inActivity(() => preflight(input(specFor(PROFILE, { router: { address: ip } }))));
    expect(result.output.ok).toBe(true);
    expect(result.attempt).toBe(1);
    expect(result.warnings).toEqual(result.output.warnings);
    expect(result.warnings).toEqual([expect.stringMatching(/^resources: the VM of profile preflight exists: minishift ignores platform\.memory\/cpus/)]);
  });
});
