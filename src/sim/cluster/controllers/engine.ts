import { Cluster } from '../model/cluster.js';
import type { ProfileState } from '../model/types.js';
import type { ClusterFaults } from '../faults/cluster-faults.js';
import { NO_FAULTS } from '../faults/cluster-faults.js';
import { CONTROLLERS } from './registry.js';

/** One controller: reconciles the whole cluster at `c.now`; schedules future work with `c.wake(at)`. */
export type Controller = (c: Cluster, faults: ClusterFaults) => void;

/** Pass iterations per instant before giving up on a fixpoint (a controller bug would otherwise spin forever). */
const MAX_ITERATIONS = 50;
/** Hard cap on simulated instants processed in one advance (keeps a pathological state from hanging a CLI call). */
const MAX_INSTANTS = 200_000;

/** Runs every controller at `c.now` until nothing changes; leaves `c.nextWake` set to the next due instant. */
export function settle(c: Cluster, faults: ClusterFaults = NO_FAULTS): void {
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    c.dirty = false;
    c.nextWake = Number.POSITIVE_INFINITY;
    for (const controller of CONTROLLERS) controller(c, faults);
    if (!c.dirty) return;
  }
}

/**
 * Advances the cluster from its stamp to simulated time `target`, instant by instant (a discrete-event simulation):
 * the outcome depends only on the state and the faults, never on how often or by which process it was advanced.
 * Returns the Cluster positioned at `target`, settled, ready for a command's mutations.
 */
export function advanceTo(state: ProfileState, target: number, faults: ClusterFaults = NO_FAULTS): Cluster {
  const c = new Cluster(state, state.clock.sim);
  if (!state.clock.running) return c;
  settle(c, faults);
  for (let i = 0; i < MAX_INSTANTS && c.nextWake <= target; i++) {
    c.now = c.nextWake;
    settle(c, faults);
  }
  if (target > c.now) {
    c.now = target;
    settle(c, faults);
  }
  state.clock.sim = Math.max(state.clock.sim, c.now);
  return c;
}
