import type { Command } from 'commander';

/** `amp-installer sim …`: the cluster simulator's helpers (env, reset, fault). */
export function registerSim(program: Command): void {
  program.command('sim').description('Cluster simulator: minishift, oc, router, APIcast, admin API and Echo API');
}
