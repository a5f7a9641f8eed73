import type { Command } from 'commander';

import { registerCodecKey } from './codec-key.js';
import { registerCodecServer } from './codec-server.js';
import { registerControl } from './control.js';
import { registerDemo, registerDev } from './dev.js';
import { registerInstall } from './install.js';
import { registerLab } from './lab.js';
import { registerPreflight } from './preflight.js';
import { registerSchedule } from './schedule.js';
import { registerSchema } from './schema.js';
import { registerSim } from './sim.js';
import { registerTeardown } from './teardown.js';
import { registerValidate } from './validate.js';

/** The command table: each module adds its command(s) to `program`; heavy code is imported lazily in actions. */
export function registerCommands(program: Command): void {
  registerInstall(program);
  registerControl(program);
  registerTeardown(program);
  registerDev(program);
  registerDemo(program);
  registerValidate(program);
  registerPreflight(program);
  registerSchema(program);
  registerSim(program);
  registerCodecKey(program);
  registerCodecServer(program);
  registerSchedule(program);
  registerLab(program);
}
