import { MISSING_CONFIG, connect } from '../cli/context.js';
import { CliExit } from '../cli/io.js';
import { ConnectionRefusedError } from '../api/errors.js';
import type { OcCommand } from './command.js';

/** `oc version` (3.11): client block, then the server block when a server answers. */
export const version: OcCommand = {
  path: ['version'],
  use: 'oc version',
  short: 'Display client and server versions',
  flags: [{ name: 'short', type: 'bool' }],
  async run(ctx) {
    ctx.io.out('oc v3.11.0+0cbc58b\nkubernetes v1.11.0+d4cacc0\nfeatures: Basic-Auth GSSAPI Kerberos SPNEGO\n');
    try {
      const conn = await connect(ctx);
      ctx.io.out(`\nServer ${conn.server}\nkubernetes v1.11.0+d4cacc0\n`);
    } catch (err) {
      // oc version swallows an unreachable server and a missing config: the client part is all it can say.
      if (err instanceof ConnectionRefusedError || (err instanceof CliExit && err.stderr === MISSING_CONFIG)) return 0;
      throw err;
    }
    return 0;
  },
};
