import type { Command } from 'commander';

import { ExitError, type ExitCode } from '../errors.js';

const collect = (value: string, previous: string[]) => [...previous, value];

/** `status`, `resume`, `abort`, `cancel`: act on an install by its workflow id. */
export function registerControl(program: Command): void {
  program
    .command('status')
    .description("Show an install's state, steps (state, attempts, durations, errors), readiness and outputs.")
    .argument('<id>', 'workflow id (printed by install, e.g. install-minishift-minishift-3scale)')
    .option('--json', 'print the status object as JSON')
    .option('--diagnostics', 'print the full diagnostics collected when the install paused')
    .option('--show-secrets', 'also read the secrets the outputs point at from the cluster (runs oc) and print them')
    .action(async (id: string, opts: { json?: boolean; diagnostics?: boolean; showSecrets?: boolean }) => {
      const { runStatus } = await import('../control-command.js');
      const code = await runStatus(id, opts);
      if (code !== 0) throw new ExitError(code as ExitCode);
    });

  program
    .command('resume')
    .description('Resume a paused install from its failed step (steps before it are not repeated), optionally with spec changes; then follow it.')
    .argument('<id>', 'workflow id')
    .option('--set <path=value>', 'change the spec, e.g. --set registry.password=env:NEW --set timeouts.waitForReadiness=60m (repeatable)', collect, [])
    .option('--detach', 'do not follow the install after resuming')
    .option('--json', 'print the final status object as JSON')
    .action(async (id: string, opts: { set: string[]; detach?: boolean; json?: boolean }) => {
      const { runResume } = await import('../control-command.js');
      const code = await runResume(id, opts);
      if (code !== 0) throw new ExitError(code as ExitCode);
    });

  program
    .command('abort')
    .description('End a paused or running install as aborted (the running step is cancelled).')
    .argument('<id>', 'workflow id')
    .option('--teardown', 'also delete the project (teardown)')
    .action(async (id: string, opts: { teardown?: boolean }) => {
      const { runAbort } = await import('../control-command.js');
      const code = await runAbort(id, opts);
      if (code !== 0) throw new ExitError(code as ExitCode);
    });

  program
    .command('cancel')
    .description("Cancel an install: its running CLI child is killed and the install ends as cancelled; installing the same target again continues from the cluster's state.")
    .argument('<id>', 'workflow id')
    .action(async (id: string) => {
      const { runCancel } = await import('../control-command.js');
      const code = await runCancel(id);
      if (code !== 0) throw new ExitError(code as ExitCode);
    });
}
