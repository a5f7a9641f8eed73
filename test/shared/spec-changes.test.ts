import { describe, expect, it } from '@jest/globals';

import { applyChanges, changedSpec, SpecChangeError } from '../../src/shared/spec-changes.js';

describe('spec changes (resume --set)', () => {
  const base = { registry: { username: 'u', password: 'env:OLD' }, timeouts: {} };

  it('sets nested values with typed scalars and leaves the input untouched', () => {
    const next = applyChanges(base, ['registry.password=env:NEW', 'timeouts.waitForReadiness=60m', 'platform.cpus=4', 'smokeTest.enabled=false']);
    expect(next).toMatchObject({ registry: { password: 'env:NEW' }, timeouts: { waitForReadiness: '60m' }, platform: { cpus: 4 }, smokeTest: { enabled: false } });
    expect(base.registry.password).toBe('env:OLD');
  });

  it('rejects changes to what identifies the target, malformed changes and invalid results', () => {
    expect(() => applyChanges(base, ['openshift.project=other'])).toThrow(/openshift\.project cannot change on resume/);
    expect(() => applyChanges(base, ['nonsense'])).toThrow(SpecChangeError);
    expect(() => changedSpec(base, ['registry.password=hunter2'])).toThrow(/registry\.password: inline secrets are not accepted/);
    expect(() => changedSpec(base, ['timeouts.waitForReadiness=soon'])).toThrow(/timeouts\.waitForReadiness: must be a duration/);
  });
});
