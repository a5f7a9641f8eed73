import { ScheduleOverlapPolicy, type ScheduleOptions } from '@temporalio/client';

import { installWorkflowId } from '../shared/ids.js';
import { INSTALL_PLATFORM, INSTALL_PROJECT } from '../shared/search-attributes.js';
import type { InstallSpec } from '../shared/spec.js';
import type { RebuildOptions } from '../workflows/rebuild.js';
import { describeCadence, scheduleSpecOf, type Cadence } from './cadence.js';

/** The workflow type every schedule of ours starts; `schedule list` shows only schedules that start it. */
export const REBUILD_WORKFLOW_TYPE = 'rebuild';

/**
 * Policies of every rebuild schedule (docs/operations.md § Scheduled rebuilds):
 * - overlap SKIP: two rebuilds of one target must never run at once (the second would cancel the first's install);
 * - a short catch-up window: after a server outage, a rebuild more than 10 minutes late is dropped, not run in a
 *   burst — only the newest rebuild matters, and the next regular one comes anyway;
 * - pauseOnFailure off by default: the next rebuild is the automatic retry of a failed one (a paused install keeps
 *   its rebuild running, so SKIP already holds later runs back until a human resumes or aborts it).
 */
export const REBUILD_POLICIES = {
  overlap: ScheduleOverlapPolicy.SKIP,
  catchupWindow: '10m',
  pauseOnFailure: false,
} as const;

/** A schedule name: it becomes the schedule id and the prefix of nothing else, so keep it short and plain. */
export const SCHEDULE_NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,98}[A-Za-z0-9])?$/;

/** What the schedule's memo records (encrypted like every payload): what `list` and `describe` show. */
export interface RebuildScheduleMemo {
  kind: 'amp-rebuild';
  /** `minishift-minishift-3scale`: the install target, as in the install's workflow id. */
  target: string;
  project: string;
  platform: string;
  cadence: Cadence;
  vm: NonNullable<RebuildOptions['vm']>;
  /** The spec file the schedule was created from (the spec itself is a snapshot in the action). */
  specFile: string;
}

/** Options of {@link rebuildScheduleOptions}. */
export interface RebuildScheduleInput {
  name: string;
  spec: InstallSpec;
  specFile: string;
  cadence: Cadence;
  taskQueue: string;
  vm?: RebuildOptions['vm'];
  paused?: boolean;
  pauseOnFailure?: boolean;
}

/** The install target of a spec: its install workflow id without `install-`. */
export function targetOf(spec: InstallSpec): string {
  return installWorkflowId(spec).replace(/^install-/, '');
}

/** Prefix of the ids of the rebuilds a schedule starts (the server appends the scheduled time). */
export function rebuildWorkflowIdPrefix(spec: InstallSpec): string {
  return `rebuild-${targetOf(spec)}`;
}

/** The Temporal schedule that rebuilds the spec's target at the cadence. */
export function rebuildScheduleOptions(input: RebuildScheduleInput): ScheduleOptions {
  const { spec } = input;
  const project = spec.openshift.project;
  const platform = spec.platform.type === 'minishift' ? `minishift profile ${spec.platform.profile}` : 'an existing cluster';
  const vm = input.vm ?? 'keep';
  const targetAttributes = [
    { key: INSTALL_PROJECT, value: project },
    { key: INSTALL_PLATFORM, value: spec.platform.type },
  ];
  const memo: RebuildScheduleMemo = { kind: 'amp-rebuild', target: targetOf(spec), project, platform: spec.platform.type, cadence: input.cadence, vm, specFile: input.specFile };
  const rebuildOptions: RebuildOptions = { vm };
  return {
    scheduleId: input.name,
    spec: scheduleSpecOf(input.cadence),
    action: {
      type: 'startWorkflow',
      workflowType: REBUILD_WORKFLOW_TYPE,
      // The spec travels in the action and is encrypted by the client's codec like any workflow input.
      args: [spec, rebuildOptions],
      taskQueue: input.taskQueue,
      workflowId: rebuildWorkflowIdPrefix(spec),
      typedSearchAttributes: targetAttributes,
      staticSummary: `Scheduled rebuild of project ${project} on ${platform} (schedule ${input.name})`,
      staticDetails: `Teardown, then a fresh install of project \`${project}\` on ${platform}; VM: ${vm}. Started by schedule \`${input.name}\`, ${describeCadence(input.cadence)}.`,
    },
    policies: { ...REBUILD_POLICIES, pauseOnFailure: input.pauseOnFailure ?? REBUILD_POLICIES.pauseOnFailure },
    typedSearchAttributes: targetAttributes,
    memo: { ...memo },
    state: input.paused ? { paused: true, note: 'Created paused (amp-installer schedule create --paused)' } : {},
  };
}
