import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from '@jest/globals';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { stringify } from 'yaml';

import type { PreflightReport } from '../../src/activities/preflight/types.js';
import { BUILTIN_PLUGINS } from '../../src/plugins/index.js';
import { installWorkflowId } from '../../src/shared/ids.js';
import { buildPlan } from '../../src/shared/plan.js';
import { parseSpec, type InstallSpecInput } from '../../src/shared/spec.js';
import type { install } from '../../src/workflows/install.js';
import type { preflight } from '../../src/workflows/preflight.js';
import { runCli } from '../helpers/cli.js';
import { useHarness, waitForInstall } from '../helpers/install-harness.js';
import { simWorld, TEMPLATE_24 } from '../helpers/sim.js';
import { uniqueId } from '../helpers/temporal.js';
import { testdir } from '../helpers/testdir.js';

const world = simWorld({ speed: 200, extraEnv: { AMP_SIM_ROUTER: 'none' } });
const h = useHarness(world);

/** A spec nothing stops on the simulator: no VM yet, and route hosts reached through router.address. */
const goodSpec = (profile: string): InstallSpecInput => ({
  platform: { type: 'minishift', profile, memory: '6GB', cpus: 2 },
  threescale: { release: '2.4.0', template: TEMPLATE_24, parameters: {} },
  router: { address: '127.0.0.1' },
});
/** The same with a wildcard domain that never resolves and no router address. */
const badSpec = (profile: string): InstallSpecInput => ({
  ...goodSpec(profile),
  router: undefined,
  threescale: { release: '2.4.0', template: TEMPLATE_24, wildcardDomain: 'apps.example.invalid', parameters: {} },
});

const runPreflight = (spec: unknown) =>
  h.client.workflow.execute<typeof preflight>('preflight', { args: [spec as InstallSpecInput], taskQueue: h.taskQueue, workflowId: uniqueId('preflight') });

function specFile(spec: unknown): string {
  const file = join(testdir(), 'spec.yaml');
  writeFileSync(file, stringify(spec));
  return file;
}

const cliEnv = () => ({ ...process.env, TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS, AMP_TASK_QUEUE: h.taskQueue, AMP_DATA_DIR: testdir() });

describe('preflight workflow', () => {
  it('returns the report of every check, problems included, without failing', async () => {
    const report = await runPreflight(badSpec('wf-bad'));
    expect(report.ok).toBe(false);
    expect(report.checks).toHaveLength(7);
    expect(report.problems).toEqual([expect.stringMatching(/^domain: 3scale-admin\.apps\.example\.invalid does not resolve/)]);
  });

  it('returns an ok report for a spec nothing stops', async () => {
    const report = await runPreflight(goodSpec('wf-good'));
    expect(report).toMatchObject({ ok: true, problems: [] });
  });

  it('fails with InvalidInput for an invalid spec', async () => {
    const err = await runPreflight({ platform: { type: 'minishift', memory: 'lots' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const cause = (err as WorkflowFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect(cause).toMatchObject({ type: 'InvalidInput', message: expect.stringContaining('platform.memory') });
  });
});

describe('preflight in the install', () => {
  it("is the plan's first step", () => {
    for (const spec of [goodSpec('p'), { ...goodSpec('p'), platform: { type: 'existing' as const } }]) {
      expect(buildPlan(parseSpec(spec).spec!, BUILTIN_PLUGINS)[0]).toMatchObject({ name: 'preflight', activity: 'preflight', skip: false });
    }
  });

  it('pauses the install at preflight with every problem, before the VM is touched', async () => {
    const spec = { ...badSpec('install-bad'), threescale: { release: '2.4.0', template: '/nonexistent/amp.yml', wildcardDomain: 'apps.example.invalid', parameters: {} } };
    const id = installWorkflowId(parseSpec(spec).spec!);
    await h.client.workflow.start<typeof install>('install', { args: [spec], taskQueue: h.taskQueue, workflowId: id });
    try {
      const status = await waitForInstall(h.client, id);
      expect(status.state).toBe('paused');
      expect(status.steps[0]).toMatchObject({ name: 'preflight', state: 'failed', attempts: 1, error: { type: 'PreflightFailed' } });
      expect(status.pause?.step).toBe('preflight');
      expect(status.pause?.error.message).toMatch(/^preflight found 2 problems:\n- template: template file \/nonexistent\/amp\.yml does not exist.*\n- domain: /s);
      const starts = (await world.journal()).filter((e) => e.cli === 'minishift' && (e.argv as string[]).includes('start'));
      expect(starts).toEqual([]);
    } finally {
      await h.client.workflow.getHandle(id).cancel();
    }
  });
});

describe('amp-installer preflight', () => {
  it('prints every check with ✔/✘ and every problem, and exits 1 when there are problems', async () => {
    const res = await runCli(['preflight', '-f', specFile(badSpec('cli-bad'))], { env: cliEnv() });
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/^✔ tools\s+oc v3\./m);
    expect(res.stdout).toMatch(/^✘ domain\s*$/m);
    expect(res.stdout).toMatch(/^ {4}✘ 3scale-admin\.apps\.example\.invalid does not resolve/m);
    expect(res.stdout).toContain('Preflight found 1 problem; nothing was changed.');
  });

  it('exits 0 when nothing stops an install, and prints the report as JSON with --json', async () => {
    const res = await runCli(['preflight', '-f', specFile(goodSpec('cli-good')), '--json'], { env: cliEnv() });
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout) as PreflightReport;
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.check)).toEqual(['tools', 'template', 'cluster', 'resources', 'domain', 'project', 'registry']);
  });

  it('exits 2 for an invalid spec, listing its problems, without starting anything', async () => {
    const res = await runCli(['preflight', '-f', specFile({ platform: { type: 'minishift', memory: 'lots' } })], { env: cliEnv() });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('platform.memory: must be a size like 6GB');
  });

  it('documents itself in --help', async () => {
    const res = await runCli(['preflight', '--help']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Usage: amp-installer preflight [options]');
    expect(res.stdout).toContain('-f, --file <spec>');
    expect(res.stdout).toContain('--json');
  });
});
