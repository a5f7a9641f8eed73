import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

import { simHome, simSpeed } from '../home.js';

/** Where one simulated CLI invocation reads and writes, resolved from the environment like the real tools do. */
export interface SimEnv {
  /** The state folder (AMP_SIM_HOME). */
  home: string;
  /** Simulated seconds per real second (AMP_SIM_SPEED). */
  speed: number;
  /** Optional fault file (AMP_SIM_FAULTS). */
  faultsFile: string | undefined;
  /** kubeconfig path: the first KUBECONFIG entry, else $HOME/.kube/config (as oc does). */
  kubeconfig: string;
  /** MINISHIFT_HOME, else $HOME/.minishift. */
  minishiftHome: string;
  /** The process environment (for child processes such as the router). */
  raw: NodeJS.ProcessEnv;
}

/** Reads the simulator environment from `env` (defaults to process.env). */
export function readSimEnv(env: NodeJS.ProcessEnv = process.env): SimEnv {
  const home = env.HOME ?? homedir();
  const kubeList = (env.KUBECONFIG ?? '').split(delimiter).filter((p) => p !== '');
  return {
    home: simHome(env),
    speed: simSpeed(env),
    faultsFile: env.AMP_SIM_FAULTS || undefined,
    kubeconfig: kubeList[0] ?? join(home, '.kube', 'config'),
    minishiftHome: env.MINISHIFT_HOME || join(home, '.minishift'),
    raw: env,
  };
}

/** The folder of one profile's state inside the state folder. */
export function profileDir(home: string, profile: string): string {
  return join(home, 'profiles', profile);
}

/** The state file of one profile. */
export function stateFile(home: string, profile: string): string {
  return join(profileDir(home, profile), 'state.json');
}
