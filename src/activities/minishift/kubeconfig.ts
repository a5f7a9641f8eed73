import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

import type { ActivityDeps } from '../deps.js';

/**
 * The kubeconfig Minishift keeps for one profile's VM (`$MINISHIFT_HOME/machines/minishift_kubeconfig`, or
 * `$MINISHIFT_HOME/profiles/<p>/machines/<p>_kubeconfig`), holding that VM's system:admin credentials — or
 * undefined when it does not exist (the worker's KUBECONFIG is used then).
 */
export function minishiftKubeconfig(deps: ActivityDeps, profile: string): string | undefined {
  const home = deps.env.MINISHIFT_HOME || join(deps.env.HOME ?? homedir(), '.minishift');
  const base = profile === 'minishift' ? home : join(home, 'profiles', profile);
  const file = join(base, 'machines', `${profile}_kubeconfig`);
  return existsSync(file) ? file : undefined;
}
