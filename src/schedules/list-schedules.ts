import { isGrpcServiceError, ScheduleNotFoundError, type Client, type ScheduleExecutionResult } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import type { google, temporal } from '@temporalio/proto';

import { REBUILD_WORKFLOW_TYPE } from './rebuild-schedule.js';

type Timestamp = google.protobuf.ITimestamp | null | undefined;

/** One schedule of the namespace, as the list shows it; `memo` is undefined when this process cannot decode it. */
export interface ListedSchedule {
  scheduleId: string;
  workflowType?: string;
  memo?: Record<string, unknown>;
  paused: boolean;
  note?: string;
  recentActions: ScheduleExecutionResult[];
  nextActionTimes: Date[];
}

const GRPC_NOT_FOUND = 5;

function toDate(ts: Timestamp): Date {
  return new Date(Number(String(ts?.seconds ?? 0)) * 1000 + Math.floor((ts?.nanos ?? 0) / 1e6));
}

/**
 * Decodes a memo with the client's codec and payload converter, or gives undefined: a schedule encrypted with a key
 * this process lacks (or by another application) must not break the whole list.
 */
async function decodeMemo(client: Client, fields: Record<string, Payload> | null | undefined): Promise<Record<string, unknown> | undefined> {
  const converter = client.options.loadedDataConverter;
  try {
    const out: Record<string, unknown> = {};
    for (const [key, payload] of Object.entries(fields ?? {})) {
      let decoded = [payload];
      for (const codec of [...converter.payloadCodecs].reverse()) decoded = await codec.decode(decoded);
      out[key] = converter.payloadConverter.fromPayload(decoded[0]);
    }
    return out;
  } catch {
    return undefined;
  }
}

function actionsOf(results: temporal.api.schedule.v1.IScheduleActionResult[] | null | undefined): ScheduleExecutionResult[] {
  return (results ?? []).flatMap((r) =>
    r.startWorkflowResult?.workflowId && r.startWorkflowResult.runId
      ? [{ scheduledAt: toDate(r.scheduleTime), takenAt: toDate(r.actualTime), action: { type: 'startWorkflow' as const, workflow: { workflowId: r.startWorkflowResult.workflowId, firstExecutionRunId: r.startWorkflowResult.runId } } }]
      : [],
  );
}

/** Every schedule of the namespace that starts `rebuild` (from the raw list, so one unreadable memo is skipped, not fatal). */
export async function listRebuildSchedules(client: Client): Promise<ListedSchedule[]> {
  const out: ListedSchedule[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await client.workflowService.listSchedules({ namespace: client.options.namespace, nextPageToken });
    for (const raw of page.schedules ?? []) {
      const workflowType = raw.info?.workflowType?.name ?? undefined;
      if (workflowType !== REBUILD_WORKFLOW_TYPE || !raw.scheduleId) continue;
      out.push({
        scheduleId: raw.scheduleId,
        workflowType,
        memo: await decodeMemo(client, raw.memo?.fields as Record<string, Payload> | undefined),
        paused: raw.info?.paused === true,
        ...(raw.info?.notes ? { note: raw.info.notes } : {}),
        recentActions: actionsOf(raw.info?.recentActions),
        nextActionTimes: (raw.info?.futureActionTimes ?? []).map(toDate),
      });
    }
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return out;
}

/** What a schedule is, read without decoding any payload. */
export interface RawScheduleFacts {
  workflowType?: string;
  /** Ids of the workflows it started that still run. */
  running: string[];
}

/**
 * The workflow type a schedule starts and its running workflows, read without decoding any payload (so a foreign
 * schedule is recognised as such even when its payloads are unreadable here); ScheduleNotFoundError for an unknown name.
 */
export async function rawScheduleFacts(client: Client, scheduleId: string): Promise<RawScheduleFacts> {
  try {
    const raw = await client.workflowService.describeSchedule({ namespace: client.options.namespace, scheduleId });
    return {
      workflowType: raw.schedule?.action?.startWorkflow?.workflowType?.name ?? undefined,
      running: (raw.info?.runningWorkflows ?? []).flatMap((w) => (w.workflowId ? [w.workflowId] : [])),
    };
  } catch (err) {
    if (isGrpcServiceError(err) && err.code === GRPC_NOT_FOUND) throw new ScheduleNotFoundError('Schedule not found', scheduleId);
    throw err;
  }
}
