// STUB — owned by the router work (src/sim/router/**); replaced by the real implementation.
import type { RouterInfo } from '../contracts.js';

/** Options of {@link startRouter}. */
export interface StartRouterOptions {
  /** The simulator state folder ($AMP_SIM_HOME). */
  home: string;
  /** The minishift profile (VM) the router belongs to. */
  profile: string;
  /** The VM's loopback address to bind (127.x.y.z). */
  ip: string;
  /** Environment for the router process (AMP_SIM_SPEED, AMP_SIM_FAULTS …). @default process.env */
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts the router of a profile as a detached background process and resolves once it listens
 * (it has written `profiles/<profile>/router.json`). Idempotent: returns the running one if any.
 */
export async function startRouter(_opts: StartRouterOptions): Promise<RouterInfo> {
  throw new Error('startRouter: not implemented yet');
}

/** Stops the router of a profile (if running), waits until its process is gone and removes router.json. */
export async function stopRouter(_opts: { home: string; profile: string }): Promise<void> {
  throw new Error('stopRouter: not implemented yet');
}

/** The running router of a profile, or undefined (stale router.json files of dead processes are ignored). */
export function readRouterInfo(_home: string, _profile: string): RouterInfo | undefined {
  return undefined;
}
