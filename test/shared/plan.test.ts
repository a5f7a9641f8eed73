import { describe, expect, it } from '@jest/globals';

import { BUILTIN_PLUGINS } from '../../src/plugins/index.js';
import { buildPlan, PlanError, type InstallPlugin } from '../../src/shared/plan.js';
import { parseSpec } from '../../src/shared/spec.js';

const spec = (input: unknown) => {
  const r = parseSpec(input);
  if (!r.spec) throw new Error(JSON.stringify(r.problems));
  return r.spec;
};

describe('buildPlan', () => {
  it("builds the seed's seven steps for a Minishift spec, in order", () => {
    const plan = buildPlan(spec({ registry: { username: 'u', password: 'env:P' } }), BUILTIN_PLUGINS);
    expect(plan.filter((p) => p.name !== 'preflight').map((p) => p.name)).toEqual([
      'startCluster', 'login', 'ensureProject', 'ensurePullSecret', 'deployTemplate', 'waitForReadiness', 'smokeTest',
    ]);
    expect(plan.every((p) => !p.skip)).toBe(true);
  });

  it('skips the pull secret without registry credentials and the smoke test when disabled', () => {
    const plan = buildPlan(spec({ smokeTest: { enabled: false } }), BUILTIN_PLUGINS);
    expect(plan.filter((p) => p.skip).map((p) => p.name)).toEqual(['ensurePullSecret', 'smokeTest']);
  });

  it('uses the existing-cluster platform instead of Minishift', () => {
    const plan = buildPlan(spec({ platform: { type: 'existing', server: 'https://api.example.com:8443' } }), BUILTIN_PLUGINS);
    expect(plan.map((p) => p.name)).toContain('connectCluster');
    expect(plan.map((p) => p.name)).not.toContain('startCluster');
  });

  it("applies the spec's timeouts, retries and failure policy per step", () => {
    const plan = buildPlan(
      spec({ timeouts: { waitForReadiness: '45m' }, retries: { login: { maximumAttempts: 2 } }, onFailure: { smokeTest: 'fail' } }),
      BUILTIN_PLUGINS,
    );
    const step = (n: string) => plan.find((p) => p.name === n)!;
    expect(step('waitForReadiness').timeout).toBe('45m');
    expect(step('login').retry.maximumAttempts).toBe(2);
    expect(step('login').retry.initialInterval).toBe('3s');
    expect(step('smokeTest').onFailure).toBe('fail');
    expect(step('deployTemplate').onFailure).toBe('pause');
  });

  it('orders steps by their dependencies and rejects duplicates and unknown dependencies', () => {
    const step = (name: string, dependsOn: string[] = []) => ({ name, title: name, activity: name, dependsOn, input: () => ({}), timeout: '1m', retry: {} });
    const plugin = (name: string, steps: ReturnType<typeof step>[]): InstallPlugin => ({ name, kind: 'step', appliesTo: () => true, steps });
    const s = spec({});
    expect(buildPlan(s, [plugin('a', [step('b', ['a']), step('a')])]).map((p) => p.name)).toEqual(['a', 'b']);
    expect(() => buildPlan(s, [plugin('a', [step('a')]), plugin('b', [step('a')])])).toThrow(new PlanError('two plugins define the step "a"'));
    expect(() => buildPlan(s, [plugin('a', [step('a', ['zz'])])])).toThrow(/depends on "zz", which no plugin provides/);
    expect(() => buildPlan(s, [plugin('a', [step('a', ['b']), step('b', ['a'])])])).toThrow(/cycle/);
  });
});
