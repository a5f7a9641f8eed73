import type { LabSpec } from '../../shared/lab-spec.js';
import { durationMs, studentNames } from '../../shared/lab-spec.js';
import type { LabState, LabStatus, SharedInstallStatus, StudentCredentials, StudentState, StudentStatus } from '../../shared/lab-status.js';
import { STUDENT_STATES } from '../../shared/lab-status.js';

/** A student as the lab keeps it (its status holds everything the scheduler needs, and nothing secret). */
export type StudentRecord = StudentStatus;

/**
 * Everything a lab carries across continue-as-new: students, credentials, deadline, the shared install and which
 * notifications went out. Credentials live only here (payloads are encrypted by the codec) and in the `credentials` query.
 */
export interface LabMemory {
  startedAt: string;
  deadline: string;
  /** The first student: provisioned alone first when the spec asks for a canary. */
  canary?: string;
  students: StudentRecord[];
  credentials: Record<string, StudentCredentials>;
  shared?: SharedInstallStatus;
  notified: { ready?: boolean; tornDown?: boolean };
  teardown?: 'ttl' | 'down';
  phase: 'running' | 'tearing-down' | 'torn-down';
  continuedAsNew: number;
  warnings: string[];
  endedAt?: string;
  /** How the teardown went, in one line. */
  summary?: string;
}

/** A new student record. */
export function newStudent(name: string): StudentRecord {
  return { name, state: 'pending', outputs: {}, runs: 0 };
}

/** The memory of a lab that starts now. */
export function initialMemory(spec: LabSpec, now: Date): LabMemory {
  const names = studentNames(spec);
  return {
    startedAt: now.toISOString(),
    deadline: new Date(now.getTime() + durationMs(spec.ttl)).toISOString(),
    canary: spec.canary ? names[0] : undefined,
    students: names.map(newStudent),
    credentials: {},
    notified: {},
    phase: 'running',
    continuedAsNew: 0,
    warnings: [],
  };
}

/** Students that still count (not removed). */
export function activeStudents(mem: LabMemory): StudentRecord[] {
  return mem.students.filter((s) => s.state !== 'removed');
}

/** Whether the canary still holds the others back: it exists and is not ready yet. */
export function canaryGate(mem: LabMemory): StudentRecord | undefined {
  const canary = mem.students.find((s) => s.name === mem.canary);
  return canary && canary.state !== 'ready' && canary.state !== 'removed' && canary.state !== 'removing' ? canary : undefined;
}

/** Whether a student may start (or, resumed, go on) when a slot is free (prerequisites aside). */
export function startable(mem: LabMemory, s: StudentRecord): boolean {
  if (s.removeRequested || !(s.state === 'pending' || (s.state === 'paused' && s.resumeRequested))) return false;
  const gate = canaryGate(mem);
  return !gate || gate.name === s.name;
}

/** The lab's state, derived from the students and the shared install. */
export function labState(mem: LabMemory, prerequisites: 'ready' | 'waiting' | 'paused' | 'failed'): LabState {
  if (mem.phase === 'torn-down') return 'torn-down';
  if (mem.phase === 'tearing-down') return 'tearing-down';
  if (prerequisites === 'failed') return 'failed';
  if (prerequisites === 'paused') return 'paused';
  const active = activeStudents(mem);
  if (prerequisites === 'waiting') return 'provisioning';
  if (active.some((s) => s.state === 'provisioning' || s.state === 'removing' || startable(mem, s))) return 'provisioning';
  if (active.some((s) => s.state === 'paused' || s.state === 'failed' || s.state === 'pending')) return 'paused';
  return 'ready';
}

/** The status the `status` query returns: a copy, without secrets. */
export function labStatus(spec: LabSpec, workflowId: string, mem: LabMemory, prerequisites: Parameters<typeof labState>[1]): LabStatus {
  const counts: Partial<Record<StudentState, number>> = {};
  for (const state of STUDENT_STATES) {
    const n = mem.students.filter((s) => s.state === state).length;
    if (n > 0) counts[state] = n;
  }
  const students = mem.students.map((s) => ({ ...s, outputs: { ...s.outputs } }));
  return {
    name: spec.name,
    workflowId,
    layout: spec.layout,
    state: labState(mem, prerequisites),
    deadline: mem.deadline,
    startedAt: mem.startedAt,
    endedAt: mem.endedAt,
    concurrency: spec.concurrency,
    canary: mem.canary,
    shared: mem.shared ? { ...mem.shared, outputs: { ...mem.shared.outputs } } : undefined,
    students,
    counts,
    continuedAsNew: mem.continuedAsNew,
    teardownReason: mem.teardown,
    summary: mem.summary,
    warnings: [...mem.warnings],
  };
}
