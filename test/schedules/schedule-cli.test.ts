import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Client } from '@temporalio/client';

import type { ScheduleDetails, ScheduleListEntry } from '../../src/schedules/schedule-view.js';
import { testClient, uniqueId } from '../helpers/temporal.js';
import { deleteSchedules, eventually, scheduleCli, specFile } from './helpers.js';

const taskQueue = uniqueId('sched-cli');
const created: string[] = [];
let client: Client;

beforeAll(async () => {
  client = await testClient();
});
afterAll(async () => {
  await deleteSchedules(client, created);
  await client?.connection.close();
});

/** A fresh schedule name and a spec whose target no other test uses. */
function fresh(prefix: string) {
  const name = uniqueId(prefix);
  created.push(name);
  const profile = uniqueId('p');
  return { name, profile, file: specFile({ platform: { type: 'minishift', profile }, openshift: { project: 'lab-a' } }) };
}

const cli = (args: string[]) => scheduleCli(args, taskQueue);

async function listed(name: string): Promise<ScheduleListEntry | undefined> {
  const res = await cli(['list', '--json']);
  expect(res.code).toBe(0);
  return (JSON.parse(res.stdout) as ScheduleListEntry[]).find((e) => e.name === name);
}

async function details(name: string): Promise<ScheduleDetails> {
  const res = await cli(['describe', name, '--json']);
  expect(res.code).toBe(0);
  return JSON.parse(res.stdout) as ScheduleDetails;
}

describe('amp-installer schedule: create, list, describe, pause, unpause, delete', () => {
  it('round-trips a cron schedule through every command', async () => {
    const { name, profile, file } = fresh('nightly');
    const create = await cli(['create', name, '-f', file, '--cron', '0 3 * * *', '--timezone', 'Europe/Paris']);
    expect(create.code).toBe(0);
    expect(create.stdout).toContain(`Created schedule ${name}: rebuilds project lab-a (target minishift-${profile}-lab-a) cron "0 3 * * *" (Europe/Paris), VM keep.`);
    expect(create.stdout).toContain(`Rebuild workflows: rebuild-minishift-${profile}-lab-a-<scheduled time> on task queue ${taskQueue}`);

    const entry = await eventually(() => listed(name), `${name} in schedule list`);
    expect(entry).toMatchObject({ name, schedule: 'cron "0 3 * * *" (Europe/Paris)', target: `minishift-${profile}-lab-a`, paused: false });
    expect(entry.lastRun).toBeUndefined();
    const table = await cli(['list']);
    expect(table.stdout).toMatch(/^NAME\s+SCHEDULE\s+PAUSED\s+NEXT RUN\s+LAST RUN$/m);
    expect(table.stdout).toMatch(new RegExp(`^${name}\\s+cron "0 3 \\* \\* \\*" \\(Europe/Paris\\)\\s+no\\s+${entry.nextRun}\\s+-$`, 'm'));

    const d = await details(name);
    expect(d).toMatchObject({
      name,
      project: 'lab-a',
      platform: 'minishift',
      vm: 'keep',
      specFile: file,
      workflowIdPrefix: `rebuild-minishift-${profile}-lab-a`,
      taskQueue,
      policies: { overlap: 'skip', catchupWindow: '10m', pauseOnFailure: false },
      state: { paused: false },
      counts: { actions: 0, skippedOverlap: 0, missedCatchupWindow: 0 },
      recentRuns: [],
    });
    // 03:00 in Paris is 01:00 or 02:00 UTC, depending on daylight saving time.
    expect(d.upcomingRuns.length).toBeGreaterThan(0);
    for (const run of d.upcomingRuns) expect(run).toMatch(/T0[12]:00:00\.000Z$/);
    const text = await cli(['describe', name]);
    expect(text.stdout).toContain(`Schedule ${name}: active`);
    expect(text.stdout).toContain('Policies:    overlap skip, catch-up window 10m, pause on failure no');
    expect(text.stdout).toContain('Recent runs (newest first):\n  none yet');

    const pause = await cli(['pause', name, '--note', 'cluster maintenance']);
    expect(pause.code).toBe(0);
    expect((await details(name)).state).toEqual({ paused: true, note: 'cluster maintenance' });
    expect((await cli(['describe', name])).stdout).toContain(`Schedule ${name}: paused (note: cluster maintenance)`);
    expect(await eventually(async () => ((await listed(name))?.paused ? true : undefined), 'paused in list')).toBe(true);

    const unpause = await cli(['unpause', name]);
    expect(unpause.code).toBe(0);
    expect((await details(name)).state.paused).toBe(false);

    const del = await cli(['delete', name]);
    expect([del.code, del.stdout.trim()]).toEqual([0, `Deleted schedule ${name}.`]);
    const gone = await cli(['describe', name]);
    expect([gone.code, gone.stderr.trim()]).toEqual([2, `no schedule named ${name} (see amp-installer schedule list)`]);
  });

  it('creates an --every schedule paused, with the VM action and pause-on-failure asked for', async () => {
    const { name, file } = fresh('weekly');
    const create = await cli(['create', name, '-f', file, '--every', '7d', '--paused', '--vm', 'stop', '--pause-on-failure']);
    expect(create.code).toBe(0);
    expect(create.stdout).toContain(`Paused: nothing runs until amp-installer schedule unpause ${name}`);
    const d = await details(name);
    expect(d).toMatchObject({ schedule: 'every 7d', vm: 'stop', state: { paused: true }, policies: { pauseOnFailure: true } });
  });

  it('exits 2 listing every problem of the name, the cadence and the spec at once', async () => {
    const bad = specFile({ openshift: { project: 'Bad_Name' }, extra: 1 } as never);
    const res = await cli(['create', 'bad name!', '-f', bad, '--every', '10s']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('schedule name "bad name!": use 1-100 letters');
    expect(res.stderr).toContain('--every 10s: must be at least 1m');
    expect(res.stderr).toMatch(/invalid spec\n(.|\n)*openshift\.project: must be a DNS-1123 label/);
    expect(res.stderr).toMatch(/^extra: unknown key$/m);
    const neither = await cli(['create', uniqueId('x'), '-f', fresh('n').file]);
    expect([neither.code, neither.stderr.trim()]).toEqual([2, 'say when to rebuild: --cron "0 3 * * *" or --every 24h']);
    const both = await cli(['create', uniqueId('x'), '-f', fresh('b').file, '--cron', '@daily', '--every', '1h']);
    expect(both.stderr.trim()).toBe('give either --cron or --every, not both');
  });

  it('exits 2 when the server rejects the cron expression, and creates nothing', async () => {
    const { name, file } = fresh('badcron');
    const res = await cli(['create', name, '-f', file, '--cron', '61 * * * *']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^invalid schedule: .*Minute/m);
    expect((await cli(['describe', name])).code).toBe(2);
  });

  it('refuses a second schedule with the same name or of the same target', async () => {
    const { name, file } = fresh('dup');
    expect((await cli(['create', name, '-f', file, '--every', '24h', '--paused'])).code).toBe(0);
    await eventually(() => listed(name), `${name} in schedule list`);
    const again = await cli(['create', name, '-f', fresh('dup2').file, '--every', '24h']);
    expect([again.code, again.stderr.trim()]).toEqual([2, `a schedule named ${name} already exists (amp-installer schedule describe ${name})`]);
    const other = uniqueId('dup-target');
    created.push(other);
    const sameTarget = await cli(['create', other, '-f', file, '--every', '24h']);
    expect(sameTarget.code).toBe(2);
    expect(sameTarget.stderr).toContain(`schedule ${name} already rebuilds`);
  });

  it('exits 2 naming the schedule for every command given an unknown name', async () => {
    const name = uniqueId('nope');
    for (const args of [['describe', name], ['trigger', name], ['pause', name], ['unpause', name], ['delete', name]]) {
      const res = await cli(args);
      expect([args[0], res.code, res.stderr.trim()]).toEqual([args[0], 2, `no schedule named ${name} (see amp-installer schedule list)`]);
    }
  });

  it('leaves alone a schedule that does not start rebuilds: not listed, not deleted', async () => {
    const name = uniqueId('foreign');
    created.push(name);
    await client.schedule.create({
      scheduleId: name,
      spec: { intervals: [{ every: '1d' }] },
      action: { type: 'startWorkflow', workflowType: 'somethingElse', taskQueue, args: [] },
      state: { paused: true },
    });
    const del = await cli(['delete', name]);
    expect([del.code, del.stderr.trim()]).toEqual([2, `schedule ${name} is not an amp-installer rebuild schedule (it starts somethingElse); leaving it alone`]);
    expect(await listed(name)).toBeUndefined();
    await client.schedule.getHandle(name).describe(); // still there
  });

  it('documents every subcommand and its options in --help', async () => {
    const group = await runHelp([]);
    for (const sub of ['create', 'list', 'describe', 'trigger', 'pause', 'unpause', 'delete']) expect(group).toContain(sub);
    expect(await runHelp(['create'])).toMatch(/--cron <expr>(.|\n)*--every <duration>(.|\n)*--paused(.|\n)*--vm <action>/);
    for (const sub of ['list', 'describe']) expect(await runHelp([sub])).toContain('--json');
    for (const sub of ['pause', 'unpause']) expect(await runHelp([sub])).toContain('--note <text>');
    expect(await runHelp(['trigger'])).toContain("under the schedule's overlap policy");
  });
});

async function runHelp(args: string[]): Promise<string> {
  const res = await cli([...args, '--help']);
  expect(res.code).toBe(0);
  expect(res.stdout).toContain('Exit codes:');
  return res.stdout;
}
