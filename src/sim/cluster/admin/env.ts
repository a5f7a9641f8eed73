import { join } from 'node:path';

import { PROJECT_ROOT } from '../../../paths.js';
import { simHome } from '../../home.js';
import { readRouterInfo } from '../../router/process.js';

/** The variables `amp-installer sim env` exports (PATH is the simulator's bin folder in front of the current PATH). */
export function simEnvVars(profile: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const home = simHome(env);
  const vars: Record<string, string> = {
    PATH: `${join(PROJECT_ROOT, 'src', 'sim', 'bin')}:${env.PATH ?? ''}`,
    AMP_SIM_HOME: home,
    KUBECONFIG: join(home, 'kube', 'config'),
    MINISHIFT_HOME: join(home, 'minishift'),
  };
  const router = readRouterInfo(home, profile);
  if (router) {
    vars.AMP_SIM_ROUTER_IP = router.ip;
    vars.AMP_SIM_ROUTER_HTTP_PORT = String(router.httpPort);
    vars.AMP_SIM_ROUTER_HTTPS_PORT = String(router.httpsPort);
  }
  return vars;
}

const quote = (v: string): string => `"${v.replace(/(["\\$`])/g, '\\$1')}"`;

/** `export NAME="value"` lines; PATH keeps `$PATH` unexpanded so the line can be eval'ed later. */
export function exportLines(vars: Record<string, string>): string {
  return Object.entries(vars)
    .map(([k, v]) => (k === 'PATH' ? `export PATH="${v.split(':')[0].replace(/(["\\$`])/g, '\\$1')}:$PATH"` : `export ${k}=${quote(v)}`))
    .join('\n');
}
