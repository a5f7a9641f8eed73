import { ScheduleAlreadyRunning, ScheduleNotFoundError, type Client, type ScheduleHandle } from '@temporalio/client';

import { loadRuntimeConfig, type RuntimeConfig } from '../config/env.js';
import { loadSpecFile, SpecFileError } from '../config/load-spec.js';
import { CadenceError, describeCadence, parseCadence } from '../schedules/cadence.js';
import { REBUILD_WORKFLOW_TYPE, rebuildScheduleOptions, rebuildWorkflowIdPrefix, SCHEDULE_NAME, targetOf } from '../schedules/rebuild-schedule.js';
import { listRebuildSchedules, rawScheduleFacts } from '../schedules/list-schedules.js';
import { recentRuns, runOf } from '../schedules/schedule-runs.js';
import { rebuildMemo, renderDetails, runOutcome, renderList, scheduleDetails, type ScheduleListEntry } from '../schedules/schedule-view.js';
import { formatProblems, type InstallSpec } from '../shared/spec.js';
import { connectClient } from '../temporal/client.js';
import { PayloadDecryptionError, UnknownCodecKeyError } from '../codec/index.js';
import { badInput, ExitCode, ExitError } from './errors.js';

/** Options of `schedule create`. */
export interface CreateOptions {
  file: string;
  cron?: string;
  every?: string;
  timezone?: string;
  paused?: boolean;
  pauseOnFailure?: boolean;
  vm: 'keep' | 'stop' | 'delete';
}

async function withClient<T>(fn: (client: Client, config: RuntimeConfig) => Promise<T>): Promise<T> {
  const config = loadRuntimeConfig();
  const client = await connectClient(config);
  try {
    return await fn(client, config);
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) throw badInput(`no schedule named ${err.scheduleId} (see amp-installer schedule list)`);
    // Not a bug: the schedule was written with a key this process lacks (the message names the key id, not the key).
    if (err instanceof UnknownCodecKeyError || err instanceof PayloadDecryptionError) throw new ExitError(ExitCode.Failure, `cannot read the schedule: ${err.message}`);
    throw err;
  } finally {
    await client.connection.close();
  }
}

/** The handle of one of our schedules and what runs; exit 2 for an unknown name or someone else's schedule. */
async function rebuildSchedule(client: Client, name: string): Promise<{ handle: ScheduleHandle; running: string[] }> {
  const facts = await rawScheduleFacts(client, name);
  if (facts.workflowType !== REBUILD_WORKFLOW_TYPE) {
    throw badInput(`schedule ${name} is not an amp-installer rebuild schedule (it starts ${facts.workflowType ?? 'no workflow'}); leaving it alone`);
  }
  return { handle: client.schedule.getHandle(name), running: facts.running };
}

function scheduleLink(config: RuntimeConfig, name: string): string {
  return `${config.uiUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(config.namespace)}/schedules/${encodeURIComponent(name)}`;
}

/** Name, cadence and spec checked together, so one run reports every problem (exit 2). */
function checkCreateInput(name: string, opts: CreateOptions): { spec: InstallSpec; specFile: string; cadence: ReturnType<typeof parseCadence> } {
  const problems: string[] = [];
  if (!SCHEDULE_NAME.test(name)) problems.push(`schedule name ${JSON.stringify(name)}: use 1-100 letters, digits, ".", "_" or "-", starting and ending with a letter or digit`);
  let cadence: ReturnType<typeof parseCadence> | undefined;
  try {
    cadence = parseCadence(opts);
  } catch (err) {
    if (!(err instanceof CadenceError)) throw err;
    problems.push(err.message);
  }
  let spec: InstallSpec | undefined;
  let specFile = opts.file;
  try {
    const loaded = loadSpecFile(opts.file);
    specFile = loaded.file;
    if (loaded.problems) problems.push(`${opts.file}: invalid spec\n${formatProblems(loaded.problems)}`);
    else spec = loaded.spec;
  } catch (err) {
    if (!(err instanceof SpecFileError)) throw err;
    problems.push(err.message);
  }
  if (problems.length || !spec || !cadence) throw badInput(problems.join('\n'));
  return { spec, specFile, cadence };
}

/** The rebuild schedules that already target `target` (best effort: the schedule list is eventually consistent). */
async function schedulesOfTarget(client: Client, target: string): Promise<string[]> {
  const schedules = await listRebuildSchedules(client);
  return schedules.filter((s) => rebuildMemo(s.memo)?.target === target).map((s) => s.scheduleId);
}

/** `schedule create`. */
export async function runScheduleCreate(name: string, opts: CreateOptions): Promise<void> {
  const { spec, specFile, cadence } = checkCreateInput(name, opts);
  await withClient(async (client, config) => {
    const target = targetOf(spec);
    const others = await schedulesOfTarget(client, target);
    if (others.length) {
      throw badInput(`schedule ${others.join(', ')} already rebuilds ${target}; two schedules of one target would cancel each other's installs (delete it first)`);
    }
    try {
      await client.schedule.create(rebuildScheduleOptions({ name, spec, specFile, cadence, taskQueue: config.taskQueue, vm: opts.vm, paused: opts.paused, pauseOnFailure: opts.pauseOnFailure }));
    } catch (err) {
      if (err instanceof ScheduleAlreadyRunning) throw badInput(`a schedule named ${name} already exists (amp-installer schedule describe ${name})`);
      // The client reports the server's rejection of the schedule spec (a bad cron expression) as a TypeError.
      if (err instanceof TypeError) throw badInput(`invalid schedule: ${err.message}`);
      throw err;
    }
    const desc = await client.schedule.getHandle(name).describe();
    const next = desc.info.nextActionTimes[0]?.toISOString();
    process.stdout.write(
      `Created schedule ${name}: rebuilds project ${spec.openshift.project} (target ${target}) ${describeCadence(cadence)}, VM ${opts.vm}.\n` +
        `Rebuild workflows: ${rebuildWorkflowIdPrefix(spec)}-<scheduled time> on task queue ${config.taskQueue}\n` +
        (opts.paused ? `Paused: nothing runs until amp-installer schedule unpause ${name}\n` : `Next run: ${next ?? 'none'}\n`) +
        `Temporal UI: ${scheduleLink(config, name)}\n`,
    );
  });
}

/** `schedule list`. */
export async function runScheduleList(opts: { json?: boolean }): Promise<void> {
  await withClient(async (client) => {
    const entries: ScheduleListEntry[] = [];
    for (const s of await listRebuildSchedules(client)) {
      const memo = rebuildMemo(s.memo);
      const newest = [...s.recentActions].sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime())[0];
      // A short status timeout: one schedule whose install no worker answers for must not stall the whole list.
      const last = newest ? await runOf(client, newest, { statusMs: 3_000 }) : undefined;
      entries.push({
        name: s.scheduleId,
        schedule: describeCadence(memo?.cadence),
        ...(memo ? { target: memo.target } : {}),
        paused: s.paused,
        ...(s.note ? { note: s.note } : {}),
        ...(s.nextActionTimes[0] ? { nextRun: s.nextActionTimes[0].toISOString() } : {}),
        ...(last ? { lastRun: { workflowId: last.workflowId, status: last.status, takenAt: last.takenAt, outcome: runOutcome(last) } } : {}),
      });
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    process.stdout.write(`${opts.json ? JSON.stringify(entries, null, 2) : renderList(entries)}\n`);
  });
}

/** `schedule describe`. */
export async function runScheduleDescribe(name: string, opts: { json?: boolean; runs?: string }): Promise<void> {
  const limit = opts.runs === undefined ? 5 : Number(opts.runs);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10) throw badInput(`--runs ${opts.runs}: must be a whole number from 1 to 10 (the server keeps the last 10)`);
  await withClient(async (client) => {
    const desc = await (await rebuildSchedule(client, name)).handle.describe();
    const details = scheduleDetails(desc, await recentRuns(client, desc.info.recentActions, limit));
    process.stdout.write(`${opts.json ? JSON.stringify(details, null, 2) : renderDetails(details)}\n`);
  });
}

/** `schedule trigger`: one rebuild now, under the schedule's own overlap policy; reports whether it started. */
export async function runScheduleTrigger(name: string, opts: { waitMs?: number } = {}): Promise<void> {
  await withClient(async (client) => {
    const { handle } = await rebuildSchedule(client, name);
    const desc = await handle.describe();
    const before = desc.info;
    // Without an argument the SDK triggers with ALLOW_ALL; pass the schedule's policy so SKIP holds.
    await handle.trigger(desc.policies.overlap);
    const deadline = Date.now() + (opts.waitMs ?? 10_000);
    while (Date.now() < deadline) {
      const now = (await handle.describe()).info;
      if (now.numActionsTaken > before.numActionsTaken) {
        const newest = [...now.recentActions].sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime())[0];
        process.stdout.write(`Triggered ${name}: started ${newest?.action.workflow.workflowId ?? 'a rebuild'}\n`);
        return;
      }
      if (now.numActionsSkippedOverlap > before.numActionsSkippedOverlap) {
        const running = now.runningActions.map((a) => a.workflow.workflowId).join(', ');
        process.stdout.write(`Triggered ${name}: skipped (overlap policy ${(desc.policies.overlap ?? 'SKIP').toLowerCase()}): ${running || 'an earlier rebuild'} is still running\n`);
        return;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    process.stdout.write(`Triggered ${name}; the schedule has not acted on it yet (see amp-installer schedule describe ${name})\n`);
  });
}

/** `schedule pause` and `schedule unpause`. */
export async function runSchedulePause(name: string, pause: boolean, opts: { note?: string }): Promise<void> {
  await withClient(async (client) => {
    const { handle } = await rebuildSchedule(client, name);
    if (pause) {
      await handle.pause(opts.note ?? 'Paused with amp-installer schedule pause');
      process.stdout.write(`Paused schedule ${name}: no rebuild starts until amp-installer schedule unpause ${name} (running rebuilds go on).\n`);
    } else {
      await handle.unpause(opts.note ?? 'Unpaused with amp-installer schedule unpause');
      process.stdout.write(`Unpaused schedule ${name}.\n`);
    }
  });
}

/** `schedule delete`. */
export async function runScheduleDelete(name: string): Promise<void> {
  await withClient(async (client) => {
    const { handle, running } = await rebuildSchedule(client, name);
    await handle.delete();
    process.stdout.write(`Deleted schedule ${name}.${running.length ? ` Still running (not affected): ${running.join(', ')}` : ''}\n`);
  });
}
