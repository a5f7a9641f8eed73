import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { simHome } from '../../home.js';
import { stopRouter } from '../../router/process.js';
import { pidDir } from '../cli/run.js';

/** True when `pid` is a live simulated oc/minishift (never signal a recycled pid). */
function isSimProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return /sim\/bin\/(oc|minishift)|sim\/cluster\/(oc|minishift)\/main\.js|cache\/oc\/v3\.11\.0\/linux\/oc/.test(cmd);
  } catch {
    return false;
  }
}

/** Stops every router and registered simulator process of the state folder, then removes the folder. */
export async function resetSimulator(env: NodeJS.ProcessEnv = process.env): Promise<{ home: string; routers: number; processes: number }> {
  const home = simHome(env);
  let routers = 0;
  let processes = 0;
  if (!existsSync(home)) return { home, routers, processes };
  const profiles = existsSync(join(home, 'profiles')) ? readdirSync(join(home, 'profiles')) : [];
  for (const profile of profiles) {
    if (existsSync(join(home, 'profiles', profile, 'router.json'))) routers++;
    await stopRouter({ home, profile });
  }
  const pids = existsSync(pidDir(home)) ? readdirSync(pidDir(home)).map(Number).filter((p) => p > 0 && p !== process.pid) : [];
  for (const pid of pids) {
    if (!isSimProcess(pid)) continue;
    try {
      process.kill(pid, 'SIGTERM');
      processes++;
    } catch {
      // gone meanwhile
    }
  }
  const deadline = Date.now() + 5000;
  while (pids.some(isSimProcess) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  rmSync(home, { recursive: true, force: true });
  return { home, routers, processes };
}
