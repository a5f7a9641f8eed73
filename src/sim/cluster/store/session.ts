import { simNow } from '../clock.js';
import { stateFile } from '../env.js';
import type { ClusterFaults } from '../faults/cluster-faults.js';
import type { Cluster } from '../model/cluster.js';
import type { ProfileState } from '../model/types.js';
import { readJson, updateJson, writeJsonAtomic } from './json-file.js';

/** What a CLI process needs to open a profile's cluster. */
export interface ClusterScope {
  home: string;
  profile: string;
  speed: number;
  faults: ClusterFaults;
}

/** A profile's raw state (no advancing), or undefined when the VM does not exist. */
export function readProfileState(home: string, profile: string): ProfileState | undefined {
  return readJson<ProfileState>(stateFile(home, profile));
}

/** Advances a loaded state to wall-clock `realNow` and re-stamps its clock. */
async function advance(state: ProfileState, scope: ClusterScope, realNow: number): Promise<Cluster> {
  const target = simNow(state.clock, scope.speed, realNow);
  // The controllers load only when a command touches the cluster (oc whoami/version never do).
  const { advanceTo } = await import('../controllers/engine.js');
  const c = advanceTo(state, target, scope.faults);
  state.clock = { ...state.clock, real: realNow, sim: Math.max(state.clock.sim, target) };
  return c;
}

/**
 * A consistent snapshot advanced to the current simulated time, without waiting for the lock. When the lock is free
 * the advanced state is persisted too, so later readers start from a recent stamp.
 */
export async function readCluster(scope: ClusterScope): Promise<Cluster | undefined> {
  const state = readProfileState(scope.home, scope.profile);
  if (!state) return undefined;
  const before = `${state.rv}/${state.clock.real}`;
  const realNow = Date.now();
  const c = await advance(state, scope, realNow);
  if (`${state.rv}/${state.clock.real}` !== before && state.clock.running) {
    await updateJson<ProfileState, void>(
      stateFile(scope.home, scope.profile),
      (cur) => (cur && `${cur.rv}/${cur.clock.real}` === before ? { value: state, result: undefined } : { result: undefined }),
      { tryOnly: true },
    ).catch(() => undefined);
  }
  return c;
}

/**
 * Read-modify-write of a profile's cluster under the lock: loads, advances to now, runs `fn`, lets the controllers
 * react at the same instant, and saves. `fn` receives undefined when the profile has no state.
 */
export async function mutateCluster<R>(scope: ClusterScope, fn: (c: Cluster | undefined) => R | Promise<R>): Promise<R> {
  const result = await updateJson<ProfileState, R>(stateFile(scope.home, scope.profile), async (state) => {
    if (!state) return { result: await fn(undefined) };
    const c = await advance(state, scope, Date.now());
    const r = await fn(c);
    if (state.clock.running) (await import('../controllers/engine.js')).settle(c, scope.faults);
    return { value: state, result: r };
  });
  return result as R;
}

/** Replaces (or with null deletes) a profile's whole state under the lock; for minishift's VM lifecycle. */
export async function updateProfileState<R>(
  home: string,
  profile: string,
  fn: (state: ProfileState | undefined) => { value?: ProfileState | null; result: R } | Promise<{ value?: ProfileState | null; result: R }>,
): Promise<R> {
  return (await updateJson<ProfileState, R>(stateFile(home, profile), fn)) as R;
}

/**
 * Applies `fn` to each item in turn under one lock, advancing the clock before each and persisting after each
 * (so a crash mid-way leaves the items done so far, like a client creating objects one by one).
 */
export async function mutateEach<T, R>(
  scope: ClusterScope,
  items: readonly T[],
  before: () => Promise<void>,
  fn: (c: Cluster, item: T) => R,
  after: (item: T, result: { ok: true; value: R } | { ok: false; error: unknown }) => void,
): Promise<boolean> {
  const file = stateFile(scope.home, scope.profile);
  const done = await updateJson<ProfileState, boolean>(file, async (state) => {
    if (!state) return { result: false };
    const { settle } = await import('../controllers/engine.js');
    for (const item of items) {
      await before();
      const c = await advance(state, scope, Date.now());
      let outcome: { ok: true; value: R } | { ok: false; error: unknown };
      try {
        outcome = { ok: true, value: fn(c, item) };
      } catch (error) {
        outcome = { ok: false, error };
      }
      if (state.clock.running) settle(c, scope.faults);
      writeJsonAtomic(file, state);
      after(item, outcome);
    }
    return { result: true };
  });
  return done === true;
}
