import { join } from 'node:path';

import { dataDir } from '../paths.js';

/** The simulator's state folder: AMP_SIM_HOME, else `<data dir>/sim`. */
export function simHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.AMP_SIM_HOME ?? join(dataDir(env), 'sim');
}

/** Time factor of the simulation (AMP_SIM_SPEED, default 1 = real time; 100 = a 8-minute bring-up in ~5 s). */
export function simSpeed(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.AMP_SIM_SPEED;
  if (raw === undefined || raw === '') return 1;
  const speed = Number(raw);
  if (!Number.isFinite(speed) || speed <= 0) throw new Error(`AMP_SIM_SPEED must be a positive number, got "${raw}"`);
  return speed;
}
