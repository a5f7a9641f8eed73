import type { Command } from 'commander';

import { registerSim } from './sim.js';

/** The command table: each module adds its command(s) to `program`; heavy code is imported lazily in actions. */
export function registerCommands(program: Command): void {
  registerSim(program);
}
