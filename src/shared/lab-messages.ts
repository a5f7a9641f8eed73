/**
 * Queries, signals and updates of the `lab` workflow. The names are part of its API (the Web UI sends signals by
 * name); each update has a signal of the same name for clients that can only signal.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';

import type { LabStatus, StudentCredentials } from './lab-status.js';

/** The lab's status (no secrets). */
export const labStatusQuery = defineQuery<LabStatus>('status');

/** Every student's credentials: the only way secrets leave the lab. */
export const labCredentialsQuery = defineQuery<Record<string, StudentCredentials>>('credentials');

/** Arguments of extend: how much later the lab is torn down. */
export interface ExtendArgs {
  by: string;
}

/** Students to add or remove. */
export interface StudentsArgs {
  students: string[];
}

/** The student whose provisioning to retry. */
export interface ResumeStudentArgs {
  student: string;
}

/** Moves the TTL deadline later; returns the status with the new deadline. */
export const extendUpdate = defineUpdate<LabStatus, [ExtendArgs]>('extend');
export const extendSignal = defineSignal<[ExtendArgs]>('extend');

/** Tears the lab down now; returns once the teardown has begun. */
export const downUpdate = defineUpdate<LabStatus, []>('down');
export const downSignal = defineSignal<[]>('down');

/** Adds students (provisioned like the others, under the same cap). */
export const addUpdate = defineUpdate<LabStatus, [StudentsArgs]>('add');
export const addSignal = defineSignal<[StudentsArgs]>('add');

/** Tears down these students only; returns once they are removed. */
export const removeUpdate = defineUpdate<LabStatus, [StudentsArgs]>('remove');
export const removeSignal = defineSignal<[StudentsArgs]>('remove');

/**
 * Retries a paused or failed student: `tenants` provisions its tenant again; `installs` resumes its paused install
 * (or starts a new one when it ended).
 */
export const resumeStudentUpdate = defineUpdate<LabStatus, [ResumeStudentArgs]>('resume');
export const resumeStudentSignal = defineSignal<[ResumeStudentArgs]>('resume');
