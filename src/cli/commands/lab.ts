import type { Command } from 'commander';

import { ExitError, type ExitCode } from '../errors.js';

/** Ends the command with its code (0 returns normally). */
function exit(code: number): void {
  if (code !== 0) throw new ExitError(code as ExitCode);
}

const LAB_HELP = `
Layouts:
  tenants   one shared 3scale install and a tenant per student (own admin portal, user, token, gateway route)
  installs  a whole 3scale install per student, each on its own Minishift VM (profile <lab>-<student>)
The lab tears everything down when its TTL runs out (lab extend moves it) or on lab down.
Example: examples/lab-tenants.yaml, examples/lab-installs.yaml`;

/** `amp-installer lab …`: labs of many student environments (issue 7). Heavy code is imported when a command runs. */
export function registerLab(program: Command): void {
  const lab = program.command('lab').description('Labs of many student environments that live for days, as one durable workflow per lab.');
  lab.addHelpText('after', LAB_HELP);

  lab
    .command('up')
    .description('Start the lab of a lab file (or attach to it when it runs) and show each student\'s progress until the lab is ready (exit 0) or paused (exit 3: a student or the shared install waits for a resume).')
    .requiredOption('-f, --file <lab>', 'lab file (YAML or JSON)')
    .option('--detach', 'start it and print the workflow id and the Web UI link, without waiting')
    .option('--json', 'print the final lab status as JSON')
    .action(async (opts: { file: string; detach?: boolean; json?: boolean }) => exit(await (await import('../lab-command.js')).runLabUp(opts)));

  lab
    .command('status')
    .description("Show the lab: its state and deadline, the shared install, and each student's state, URLs and errors (no secrets).")
    .argument('<name>', 'lab name')
    .option('--json', 'print the status object as JSON')
    .action(async (name: string, opts: { json?: boolean }) => exit(await (await import('../lab-command.js')).runLabStatus(name, opts)));

  lab
    .command('extend')
    .description('Move the lab\'s teardown later.')
    .argument('<name>', 'lab name')
    .requiredOption('--by <duration>', 'how much later, e.g. 4h, 90m or 2d')
    .action(async (name: string, opts: { by: string }) => exit(await (await import('../lab-control.js')).runLabExtend(name, opts)));

  lab
    .command('down')
    .description('Tear the lab down now (every student, then the shared install) and wait until it is torn down.')
    .argument('<name>', 'lab name')
    .option('--detach', 'do not wait for the teardown')
    .option('--json', 'print the final lab status as JSON')
    .action(async (name: string, opts: { detach?: boolean; json?: boolean }) => exit(await (await import('../lab-control.js')).runLabDown(name, opts)));

  lab
    .command('add')
    .description('Add students to a running lab; they are provisioned like the others, under the same cap.')
    .argument('<name>', 'lab name')
    .argument('<students...>', 'student names (DNS-1123 labels)')
    .option('--json', 'print the lab status as JSON')
    .action(async (name: string, students: string[], opts: { json?: boolean }) => exit(await (await import('../lab-control.js')).runLabAdd(name, students, opts)));

  lab
    .command('remove')
    .description('Tear these students down (their tenant and routes, or their install and VM) and wait until they are removed.')
    .argument('<name>', 'lab name')
    .argument('<students...>', 'student names')
    .option('--json', 'print the lab status as JSON')
    .action(async (name: string, students: string[], opts: { json?: boolean }) => exit(await (await import('../lab-control.js')).runLabRemove(name, students, opts)));

  lab
    .command('resume')
    .description("Retry a paused or failed student: tenants provision its tenant again; installs resume its paused install (or start a new one). Follows it until ready (exit 0) or paused again (exit 3).")
    .argument('<name>', 'lab name')
    .argument('<student>', 'student name')
    .option('--detach', 'do not follow the student')
    .option('--json', 'print the final lab status as JSON')
    .action(async (name: string, student: string, opts: { detach?: boolean; json?: boolean }) => exit(await (await import('../lab-control.js')).runLabResume(name, student, opts)));

  lab
    .command('credentials')
    .description("Print every student's credentials (admin user, password, access token, gateway key). The only lab command that prints secrets.")
    .argument('<name>', 'lab name')
    .option('--json', 'print them as JSON')
    .action(async (name: string, opts: { json?: boolean }) => exit(await (await import('../lab-control.js')).runLabCredentials(name, opts)));
}
