import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execa } from 'execa';

import { PROJECT_ROOT } from '../../src/paths.js';
import { readRouterInfo } from '../../src/sim/router/process.js';
import { SimHarness } from './helpers/sim.js';

function get(ip: string, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: ip, port, path: '/', headers: { Host: host } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A live process (a zombie waiting for a reaper that never comes in this container counts as gone). */
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('minishift with the real router (src/sim/router/process.ts)', () => {
  const sim = new SimHarness(400, true);
  let ip = '';
  beforeAll(async () => {
    ip = await sim.up();
  });
  afterAll(() => sim.cleanup());

  it('starts the router on the VM address once the cluster is up, and sim env exports where it listens', async () => {
    const info = readRouterInfo(sim.home, 'minishift');
    expect(info).toMatchObject({ ip, pid: expect.any(Number) });
    const env = await execa('node', [join(PROJECT_ROOT, 'bin', 'amp-installer.js'), 'sim', 'env'], { env: sim.env(), extendEnv: false });
    expect(env.stdout.split('\n')).toEqual([
      `export PATH="${join(PROJECT_ROOT, 'src', 'sim', 'bin')}:$PATH"`,
      `export AMP_SIM_HOME="${sim.home}"`,
      `export KUBECONFIG="${join(sim.home, 'kube', 'config')}"`,
      `export MINISHIFT_HOME="${join(sim.home, 'minishift')}"`,
      `export AMP_SIM_ROUTER_IP="${ip}"`,
      `export AMP_SIM_ROUTER_HTTP_PORT="${info!.httpPort}"`,
      `export AMP_SIM_ROUTER_HTTPS_PORT="${info!.httpsPort}"`,
    ]);
    expect(await get(ip, info!.httpPort, `nothing.${ip}.nip.io`)).toBe(503);
  });

  it('stops the router with the VM and starts it again on restart; delete leaves no process behind', async () => {
    const first = readRouterInfo(sim.home, 'minishift')!;
    await sim.minishift('stop');
    expect(readRouterInfo(sim.home, 'minishift')).toBeUndefined();
    expect(alive(first.pid)).toBe(false);
    await sim.run('minishift', ['start'], { speed: 100_000 });
    const second = readRouterInfo(sim.home, 'minishift')!;
    expect(second.ip).toBe(ip);
    await sim.minishift('delete', '--force');
    expect(alive(second.pid)).toBe(false);
  });
});
