import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { openClusterView } from '../../src/sim/cluster-view.js';
import type { ClusterView } from '../../src/sim/contracts.js';
import { addFault } from '../../src/sim/cluster/faults/store.js';
import { SimHarness } from './helpers/sim.js';
import { writeApp } from './helpers/objects.js';

describe('openClusterView: the router\'s read access to a profile (src/sim/contracts.ts)', () => {
  const sim = new SimHarness(400);
  let view: ClusterView;
  let ip = '';
  beforeAll(async () => {
    ip = await sim.up();
    await sim.oc('new-project', 'shop');
    await sim.oc('create', '-f', writeApp(sim.dir, 'web', { timeoutSeconds: 36_000 }));
    await sim.oc('create', 'route', 'edge', 'web', '--service=web', `--hostname=web.${ip}.nip.io`, '--insecure-policy=Allow');
    await sim.oc('create', 'secret', 'docker-registry', 'reg', '--docker-server=registry.redhat.io', '--docker-username=u', '--docker-password=p');
    view = openClusterView(sim.home, 'minishift', sim.env());
  });
  afterAll(() => sim.cleanup());

  it('reports the running VM and a simulated clock that moves with AMP_SIM_SPEED', async () => {
    expect(view.vmRunning()).toBe(true);
    const t0 = view.now();
    await new Promise((r) => setTimeout(r, 50));
    expect(view.now() - t0).toBeGreaterThanOrEqual(50 * 400 * 0.9);
  });

  it('lists routes with their admission, TLS and target service', () => {
    expect(view.routes()).toContainEqual({
      project: 'shop',
      name: 'web',
      host: `web.${ip}.nip.io`,
      path: '/',
      service: 'web',
      targetPort: undefined,
      tls: 'edge',
      insecureEdgeTerminationPolicy: 'Allow',
      admitted: true,
    });
  });

  it('serves objects as oc get -o json prints them, and Projects by name', () => {
    const secret = view.getObject('shop', 'Secret', 'reg');
    expect(secret).toMatchObject({ kind: 'Secret', type: 'kubernetes.io/dockerconfigjson', metadata: { name: 'reg', namespace: 'shop' } });
    expect(secret).not.toHaveProperty('__sim');
    expect(view.getObject('ignored', 'Project', 'shop')).toMatchObject({ kind: 'Project', metadata: { name: 'shop' } });
    expect(view.getObject('shop', 'Secret', 'nope')).toBeUndefined();
  });

  it('says a service is ready once a selected pod is Ready', async () => {
    const service = join(sim.dir, 'service.yaml');
    writeFileSync(service, 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 6379}], selector: {name: web}}\n');
    await sim.oc('create', '-f', service);
    await sim.until('the web service to have a ready endpoint', async () => (view.serviceReady('shop', 'web') ? true : undefined), 30_000);
    expect((await sim.json('pods', '-l', 'name=web')).items[0].status.conditions.find((c: { type: string }) => c.type === 'Ready').status).toBe('True');
    expect(view.serviceReady('shop', 'nothing')).toBe(false);
  });

  it('hands out an armed gateway fault for matching hosts as many times as configured', async () => {
    await addFault(sim.home, { kind: 'gateway', host: `*.${ip}.nip.io`, status: 503, body: 'down', times: 2 });
    expect(view.takeGatewayFault(`web.${ip}.nip.io`)).toEqual({ status: 503, body: 'down' });
    expect(view.takeGatewayFault('elsewhere.example.com')).toBeUndefined();
    expect(view.takeGatewayFault(`api.${ip}.nip.io:443`)).toEqual({ status: 503, body: 'down' });
    expect(view.takeGatewayFault(`web.${ip}.nip.io`)).toBeUndefined();
  });

  it('stops reporting a running VM after minishift stop', async () => {
    await sim.minishift('stop');
    expect(view.vmRunning()).toBe(false);
  });
});
