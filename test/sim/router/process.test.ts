import { existsSync, readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';

import type { RouterInfo } from '../../../src/sim/contracts.js';
import { readRouterInfo, startRouter, stopRouter } from '../../../src/sim/router/process.js';
import { routerFilePath, writeRouterFile } from '../../../src/sim/router/router-file.js';
import type { StaticClusterState } from '../../../src/sim/router/static-view.js';
import { emptyCluster, installTemplate } from './helpers/template-cluster.js';

const DOMAIN = '127.0.0.1.nip.io';

/** Whether a process still runs (a zombie waiting for its parent to reap it has already ended). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

function get(info: RouterInfo, https: boolean, host: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const send = https ? httpsRequest : request;
    const req = send({ host: info.ip, port: https ? info.httpsPort : info.httpPort, path, headers: { host }, rejectUnauthorized: false, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('router process (startRouter / stopRouter)', () => {
  let home: string;
  let viewFile: string;
  let state: StaticClusterState;
  // A VM address of its own, so parallel runs never collide on 127.x.y.z:80.
  const ip = `127.${100 + (process.pid % 100)}.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`;
  const env = () => ({ ...process.env, AMP_SIM_ROUTER_VIEW_FILE: viewFile });

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'amp-router-proc-'));
    viewFile = join(home, 'view.json');
    state = emptyCluster();
    delete state.nowMs;
    installTemplate(state, '3scale', { WILDCARD_DOMAIN: DOMAIN, ADMIN_ACCESS_TOKEN: 'proctoken', MASTER_ACCESS_TOKEN: 'procmstr' });
    writeFileSync(viewFile, JSON.stringify(state));
  });
  afterEach(async () => {
    await stopRouter({ home, profile: 'p1' });
    rmSync(home, { recursive: true, force: true });
  });

  it('starts a detached router that answers on its ports, is idempotent, and leaves no process after stopRouter', async () => {
    const info = await startRouter({ home, profile: 'p1', ip, env: env() });
    expect(info.ip).toBe(ip);
    if (process.getuid?.() === 0) expect([info.httpPort, info.httpsPort]).toEqual([80, 443]);
    expect(readRouterInfo(home, 'p1')).toEqual(info);
    expect(await get(info, false, `master.${DOMAIN}`, '/p/login')).toBe(200);
    expect(await get(info, true, `master.${DOMAIN}`, '/p/login')).toBe(200);
    expect(await get(info, false, `nobody.${DOMAIN}`, '/')).toBe(503);
    expect((await startRouter({ home, profile: 'p1', ip, env: env() })).pid).toBe(info.pid);

    await stopRouter({ home, profile: 'p1' });
    expect(alive(info.pid)).toBe(false);
    expect(existsSync(routerFilePath(home, 'p1'))).toBe(false);
    expect(readRouterInfo(home, 'p1')).toBeUndefined();
  });

  it('exits by itself once the VM no longer runs', async () => {
    const info = await startRouter({ home, profile: 'p1', ip, env: env() });
    writeFileSync(viewFile, JSON.stringify({ ...state, vmRunning: false }));
    const deadline = Date.now() + 10_000;
    while (alive(info.pid) && Date.now() < deadline) await sleep(50);
    expect(alive(info.pid)).toBe(false);
    expect(existsSync(routerFilePath(home, 'p1'))).toBe(false);
  });

  it('ignores a stale router.json whose process is dead', () => {
    writeRouterFile(home, 'p1', { pid: 2 ** 22 + 17, ip, httpPort: 80, httpsPort: 443 });
    expect(readRouterInfo(home, 'p1')).toBeUndefined();
  });
});
