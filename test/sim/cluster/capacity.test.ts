import { readFileSync } from 'node:fs';

import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';

import { createObject } from '../../../src/sim/cluster/api/create.js';
import { createProject } from '../../../src/sim/cluster/api/projects.js';
import { newProfileState } from '../../../src/sim/cluster/bootstrap.js';
import { advanceTo, settle } from '../../../src/sim/cluster/controllers/engine.js';
import { Cluster } from '../../../src/sim/cluster/model/cluster.js';
import type { KubeObject } from '../../../src/sim/cluster/model/types.js';
import type { Template } from '../../../src/sim/cluster/template/process.js';
import { applyParameterValues, processTemplate } from '../../../src/sim/cluster/template/process.js';
import { fixture } from '../helpers/sim.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');

/** Installs a template on a VM of the given size and advances `minutes` of simulated time. */
function install(file: string, vm: { memory: string; cpus: number }, params: Array<[string, string]>, minutes: number): Cluster {
  const kube = { adminCert: 'Y2VydA==', adminKey: 'a2V5', caData: 'Y2E=', developerToken: 'tok' };
  const state = newProfileState({ profile: 'minishift', ip: '127.9.9.9', diskSize: '20GB', driver: 'kvm', kube, now: T0, seed: 7, ...vm });
  const c = new Cluster(state, T0);
  createProject(c, '3scale', 'system:admin');
  const auth = JSON.stringify({ auths: { 'registry.redhat.io': { username: 'u', password: 'p', auth: 'dTpw' } } });
  createObject(c, '3scale', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'threescale-registry-auth' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': Buffer.from(auth).toString('base64') } }, 'system:admin');
  const template = parse(readFileSync(fixture(file), 'utf8')) as Template;
  applyParameterValues(template, [['WILDCARD_DOMAIN', '127.9.9.9.nip.io'], ...params]);
  for (const obj of processTemplate(template).objects) createObject(c, '3scale', obj, 'system:admin');
  settle(c);
  return advanceTo(state, T0 + minutes * 60_000);
}

const available = (c: Cluster): KubeObject[] => c.list('3scale', 'DeploymentConfig').filter((dc) => dc.status.availableReplicas === 1);

describe('node capacity against the non-eval templates (3scale-template.md: amp.yml requests ≈ 5.6 GiB)', () => {
  it('leaves amp-2.4.yml pods Pending with "Insufficient memory" on a 4 GB VM', () => {
    const c = install('amp-2.4.yml', { memory: '4GB', cpus: 4 }, [], 15);
    const events = c.list('3scale', 'Event').filter((e) => e.reason === 'FailedScheduling');
    expect(events.map((e) => e.message)).toContain('0/1 nodes are available: 1 Insufficient memory.');
    expect(available(c).length).toBeLessThan(15);
  });

  it('brings amp-2.4.yml up on an 8 GB, 4 CPU VM', () => {
    expect(available(install('amp-2.4.yml', { memory: '8GB', cpus: 4 }, [], 15))).toHaveLength(15);
  });

  it('brings amp-2.12.yml up on a VM large enough for its requests, with the registry.redhat.io credentials', () => {
    const c = install('amp-2.12.yml', { memory: '10GB', cpus: 6 }, [['AMP_BACKEND_IMAGE', 'registry.redhat.io/3scale-amp2/backend-rhel8:3scale2.12']], 15);
    expect(available(c).map((dc) => dc.metadata.name)).toContain('zync-que');
    expect(available(c)).toHaveLength(15);
  });
});
