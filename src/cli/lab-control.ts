import { addUpdate, downUpdate, extendUpdate, labCredentialsQuery, removeUpdate, resumeStudentUpdate } from '../shared/lab-messages.js';
import { labWorkflowId } from '../shared/lab-spec.js';
import type { LabStatus } from '../shared/lab-status.js';
import { badInput, ExitCode } from './errors.js';
import { fetchLabStatus, followLab, withLabClient } from './lab-command.js';
import { labExitCode, renderCredentials, renderStudents } from './lab-render.js';

const handleOf = (client: Parameters<Parameters<typeof withLabClient>[1]>[0], name: string) => client.workflow.getHandle(labWorkflowId(name));

/** `lab extend NAME --by 4h`: prints the new deadline. */
export async function runLabExtend(name: string, opts: { by: string }): Promise<number> {
  return withLabClient(name, async (client) => {
    const status = await handleOf(client, name).executeUpdate(extendUpdate, { args: [{ by: opts.by }] });
    process.stdout.write(`Lab ${name} is now torn down at ${status.deadline}.\n`);
    return ExitCode.Ok;
  });
}

/** `lab down NAME`: tears the lab down now and (unless detached) waits until it is torn down. */
export async function runLabDown(name: string, opts: { detach?: boolean; json?: boolean }): Promise<number> {
  return withLabClient(name, async (client, config) => {
    await handleOf(client, name).executeUpdate(downUpdate, { args: [] });
    if (!opts.json) process.stdout.write(`Tearing lab ${name} down.\n`);
    if (opts.detach) return ExitCode.Ok;
    const final = await followLab(client, config, name, { json: opts.json, done: (s) => s.state === 'torn-down' });
    return final.students.some((s) => s.state === 'failed') ? ExitCode.Failure : ExitCode.Ok;
  });
}

/** `lab add NAME STUDENT...`: the students are queued for provisioning under the lab's cap. */
export async function runLabAdd(name: string, students: string[], opts: { json?: boolean }): Promise<number> {
  return withLabClient(name, async (client) => {
    const status = await handleOf(client, name).executeUpdate(addUpdate, { args: [{ students }] });
    print(status, students, opts.json, `Added to lab ${name}:`);
    return ExitCode.Ok;
  });
}

/** `lab remove NAME STUDENT...`: returns once those students are torn down. */
export async function runLabRemove(name: string, students: string[], opts: { json?: boolean }): Promise<number> {
  return withLabClient(name, async (client) => {
    const status = await handleOf(client, name).executeUpdate(removeUpdate, { args: [{ students }] });
    print(status, students, opts.json, `Removed from lab ${name}:`);
    return status.students.some((s) => students.includes(s.name) && s.state === 'failed') ? ExitCode.Failure : ExitCode.Ok;
  });
}

/** `lab resume NAME STUDENT`: retries the student's provisioning and (unless detached) follows it until it settles. */
export async function runLabResume(name: string, student: string, opts: { detach?: boolean; json?: boolean }): Promise<number> {
  return withLabClient(name, async (client, config) => {
    await handleOf(client, name).executeUpdate(resumeStudentUpdate, { args: [{ student }] });
    if (!opts.json) process.stdout.write(`Resumed ${student} of lab ${name}.\n`);
    if (opts.detach) return ExitCode.Ok;
    const mine = (s: LabStatus) => s.students.find((x) => x.name === student);
    const final = await followLab(client, config, name, { json: opts.json, done: (s) => !mine(s)?.resumeRequested && !['pending', 'provisioning'].includes(mine(s)?.state ?? '') });
    return labExitCode({ ...final, state: mine(final)?.state === 'ready' ? 'ready' : mine(final)?.state === 'paused' ? 'paused' : 'failed' });
  });
}

/** `lab credentials NAME`: the only lab command that prints secrets. */
export async function runLabCredentials(name: string, opts: { json?: boolean }): Promise<number> {
  return withLabClient(name, async (client) => {
    const handle = handleOf(client, name);
    const desc = await handle.describe();
    if (desc.status.name !== 'RUNNING') throw badInput(`lab ${name} has ended (${(await fetchLabStatus(client, name)).state}): its credentials went with it`);
    const creds = await handle.query(labCredentialsQuery);
    process.stdout.write(opts.json ? `${JSON.stringify(creds, null, 2)}\n` : `${renderCredentials(name, creds)}\n`);
    return ExitCode.Ok;
  });
}

function print(status: LabStatus, students: string[], json: boolean | undefined, title: string): void {
  if (json) return void process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
  const only = { ...status, students: status.students.filter((s) => students.includes(s.name)) };
  process.stdout.write(`${[title, ...renderStudents(only)].join('\n')}\n`);
}
