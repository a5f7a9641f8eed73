import { Option, type Command } from 'commander';

import type { CreateOptions } from '../schedule-command.js';

const NAME = 'schedule name (its Temporal schedule id)';

/** `amp-installer schedule create|list|describe|trigger|pause|unpause|delete`: scheduled rebuilds. */
export function registerSchedule(program: Command): void {
  const group = program
    .command('schedule')
    .description(
      'Scheduled rebuilds: a Temporal schedule that runs `rebuild` (teardown, then a fresh install) of a spec\'s target ' +
        'on a cron or an interval. Overlap SKIP (never two rebuilds of a target at once), catch-up window 10m.',
    );

  group
    .command('create')
    .description(
      'Create a schedule that rebuilds the spec\'s target. The spec is validated, then stored (encrypted) in the ' +
        'schedule: later edits of the file do not apply; delete and re-create the schedule instead.',
    )
    .argument('<name>', NAME)
    .requiredOption('-f, --file <spec>', 'install spec file (YAML or JSON)')
    .option('--cron <expr>', 'when to rebuild, as a cron expression, e.g. "0 3 * * *" (03:00 every day)')
    .option('--timezone <tz>', 'IANA time zone of --cron (default UTC)')
    .option('--every <duration>', 'rebuild at a fixed interval instead, e.g. 24h, 7d (at least 1m)')
    .option('--paused', 'create it paused (nothing runs until `schedule unpause`)')
    .option('--pause-on-failure', 'pause the schedule when a rebuild fails (default: keep going; the next rebuild retries)')
    .addOption(
      new Option('--vm <action>', 'what each rebuild does to the Minishift VM after the teardown: keep it, stop it, or delete it')
        .choices(['keep', 'stop', 'delete'])
        .default('keep'),
    )
    .action(async (name: string, opts: CreateOptions) => {
      const { runScheduleCreate } = await import('../schedule-command.js');
      await runScheduleCreate(name, opts);
    });

  group
    .command('list')
    .description('List the rebuild schedules: name, schedule, paused, next run, and the last run with its status and the state of its install.')
    .option('--json', 'print a JSON array')
    .action(async (opts: { json?: boolean }) => {
      const { runScheduleList } = await import('../schedule-command.js');
      await runScheduleList(opts);
    });

  group
    .command('describe')
    .description(
      'Show a schedule: its spec and policies, state, upcoming runs, and the recent runs with each rebuild\'s ' +
        'workflow id, its status and the final state of the install it started.',
    )
    .argument('<name>', NAME)
    .option('--runs <n>', 'how many recent runs to show (1-10)', '5')
    .option('--json', 'print a JSON object')
    .action(async (name: string, opts: { json?: boolean; runs?: string }) => {
      const { runScheduleDescribe } = await import('../schedule-command.js');
      await runScheduleDescribe(name, opts);
    });

  group
    .command('trigger')
    .description('Start a rebuild now, under the schedule\'s overlap policy: skipped while a rebuild it started still runs.')
    .argument('<name>', NAME)
    .action(async (name: string) => {
      const { runScheduleTrigger } = await import('../schedule-command.js');
      await runScheduleTrigger(name);
    });

  for (const [verb, pause] of [
    ['pause', true],
    ['unpause', false],
  ] as const) {
    group
      .command(verb)
      .description(pause ? 'Pause a schedule: no rebuild starts until it is unpaused (running rebuilds go on).' : 'Unpause a schedule.')
      .argument('<name>', NAME)
      .option('--note <text>', 'why (shown by describe and in the Web UI)')
      .action(async (name: string, opts: { note?: string }) => {
        const { runSchedulePause } = await import('../schedule-command.js');
        await runSchedulePause(name, pause, opts);
      });
  }

  group
    .command('delete')
    .description('Delete a schedule; rebuilds it started keep running.')
    .argument('<name>', NAME)
    .action(async (name: string) => {
      const { runScheduleDelete } = await import('../schedule-command.js');
      await runScheduleDelete(name);
    });
}
