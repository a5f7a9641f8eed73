import { readFileSync } from 'node:fs';

import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';

import { createObject } from '../../../src/sim/cluster/api/create.js';
import { createProject } from '../../../src/sim/cluster/api/projects.js';
import { newProfileState } from '../../../src/sim/cluster/bootstrap.js';
import { advanceTo, settle } from '../../../src/sim/cluster/controllers/engine.js';
import { Cluster } from '../../../src/sim/cluster/model/cluster.js';
import type { ProfileState } from '../../../src/sim/cluster/model/types.js';
import type { Template } from '../../../src/sim/cluster/template/process.js';
import { applyParameterValues, processTemplate } from '../../../src/sim/cluster/template/process.js';
import { fixture } from '../helpers/sim.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');

/** The processed 2.4 template (generated once: fresh passwords per run would differ between two installs). */
const OBJECTS = (() => {
  const template = parse(readFileSync(fixture('amp-eval-tech-preview-2.4.yml'), 'utf8')) as Template;
  applyParameterValues(template, [['WILDCARD_DOMAIN', '127.9.9.9.nip.io']]);
  return processTemplate(template).objects;
})();

/** A cluster with the 2.4 template just created in project 3scale (no CLI involved). */
function installed(): ProfileState {
  const kube = { adminCert: 'Y2VydA==', adminKey: 'a2V5', caData: 'Y2E=', developerToken: 'tok' };
  const state = newProfileState({ profile: 'minishift', ip: '127.9.9.9', memory: '4GB', cpus: 2, diskSize: '20GB', driver: 'kvm', kube, now: T0, seed: 42 });
  const c = new Cluster(state, T0);
  createProject(c, '3scale', 'system:admin');
  for (const obj of OBJECTS) createObject(c, '3scale', obj, 'system:admin');
  settle(c);
  return state;
}

const snapshot = (s: ProfileState): string => JSON.stringify({ ...s, clock: undefined });

describe('the discrete-event engine', () => {
  it('reaches the same state whether it advances in one step or in many (any process may advance it)', () => {
    const target = T0 + 900_000;
    const once = installed();
    advanceTo(once, target);
    const stepped = installed();
    for (let t = T0; t < target; t += 37_123) advanceTo(stepped, t);
    advanceTo(stepped, target);
    expect(snapshot(stepped)).toBe(snapshot(once));
  });

  it('brings the 2.4 template up within about eight simulated minutes with every DC available', () => {
    const state = installed();
    const c = advanceTo(state, T0 + 10 * 60_000);
    const dcs = c.list('3scale', 'DeploymentConfig');
    expect(dcs).toHaveLength(15);
    const availableAt = dcs.map((dc) => Date.parse(dc.status.conditions.find((x: { type: string }) => x.type === 'Available').lastTransitionTime) - T0);
    for (const dc of dcs) expect(dc.status.availableReplicas).toBe(1);
    expect(Math.max(...availableAt)).toBeGreaterThan(5 * 60_000);
    expect(Math.max(...availableAt)).toBeLessThan(10 * 60_000);
  });

  it('rolls out ConfigChange-only DCs at once and keeps image-triggered DCs at latestVersion 0 until their imports resolve (3scale-template.md §7.2, §7.3)', () => {
    const state = installed();
    const c = advanceTo(state, T0 + 1000);
    const waiting = c.list('3scale', 'DeploymentConfig').filter((dc) => dc.spec.triggers.some((t: { type: string }) => t.type === 'ImageChange'));
    expect(waiting.length).toBeGreaterThan(0);
    for (const dc of waiting) expect(dc.status.latestVersion).toBe(0);
    const configOnly = c.list('3scale', 'DeploymentConfig').filter((dc) => !dc.spec.triggers.some((t: { type: string }) => t.type === 'ImageChange'));
    for (const dc of configOnly) expect(dc.status.latestVersion).toBe(1);
  });
});
