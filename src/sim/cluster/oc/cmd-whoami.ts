import { MISSING_CONFIG, connect } from '../cli/context.js';
import { bool } from '../cli/flags.js';
import { CliExit } from '../cli/io.js';
import { readKubeConfig, resolveContext } from '../kubeconfig.js';
import { ApiError } from '../api/errors.js';
import type { OcCommand } from './command.js';

/** `oc whoami` (openshift-cli.md §2). */
export const whoami: OcCommand = {
  path: ['whoami'],
  use: 'oc whoami',
  short: 'Return information about the current session',
  flags: [
    { name: 'show-server', type: 'bool' },
    { name: 'show-context', short: 'c', type: 'bool' },
    { name: 'show-token', short: 't', type: 'bool' },
    { name: 'show-console', type: 'bool' },
  ],
  async run(ctx, p) {
    const local = bool(p, 'show-server') || bool(p, 'show-context') || bool(p, 'show-token');
    if (local) {
      const resolved = resolveContext(await readKubeConfig(ctx.global.kubeconfig), ctx.global.context);
      if (!resolved) throw new CliExit(1, MISSING_CONFIG);
      if (bool(p, 'show-server')) ctx.io.out(`${resolved.server}\n`);
      else if (bool(p, 'show-context')) ctx.io.out(`${resolved.contextName}\n`);
      else if (resolved.user.token) ctx.io.out(`${resolved.user.token}\n`);
      else throw new CliExit(1, 'error: no token is currently in use for this session');
      return 0;
    }
    const conn = await connect(ctx);
    if (conn.user === 'system:anonymous') {
      throw new ApiError('Forbidden', 'users.user.openshift.io "~" is forbidden: User "system:anonymous" cannot get users.user.openshift.io at the cluster scope: no RBAC policy matched');
    }
    ctx.io.out(`${conn.user}\n`);
    return 0;
  },
};
