import { log, setCurrentDetails } from '@temporalio/workflow';

import type { LabSpec } from '../../shared/lab-spec.js';
import type { LabStatus } from '../../shared/lab-status.js';
import { renderLabDetails } from './details.js';
import { labStatus, type LabMemory, type StudentRecord } from './memory.js';

/** Whether the layout's prerequisites let students start: `tenants` waits for its shared install. */
export type Prerequisites = 'ready' | 'waiting' | 'paused' | 'failed';

/**
 * The lab's in-memory runtime: its spec and carried memory, the work in flight (activities and child workflows the
 * lab awaits — continue-as-new waits until there is none), and the wake-up flag the main loop sleeps on.
 */
export class LabRuntime {
  /** Set by anything that may change what the main loop does next. */
  wake = false;
  private readonly running = new Set<string>();
  private lastDetails = '';
  /** Child installs this run started (their results tell how they end). */
  readonly children = new Set<string>();
  /** The layout's prerequisites (set once the layout driver exists). */
  prerequisites: () => Prerequisites = () => 'waiting';

  constructor(
    readonly spec: LabSpec,
    readonly mem: LabMemory,
    readonly workflowId: string,
  ) {}

  /** How many awaited activities / children run right now. */
  get inFlight(): number {
    return this.running.size;
  }

  /** Whether the work named `key` is running. */
  isRunning(key: string): boolean {
    return this.running.has(key);
  }

  /** Runs `work` as tracked in-flight work named `key`; wakes the loop when it settles. Never rejects. */
  track(key: string, work: () => Promise<void>): void {
    this.running.add(key);
    const done = () => {
      this.running.delete(key);
      this.touch();
    };
    work().then(done, (err: unknown) => {
      log.warn('Lab work failed', { key, error: (err as Error)?.message });
      done();
    });
  }

  /** Marks a change: the loop wakes and the Web UI's details are refreshed. */
  touch(): void {
    this.wake = true;
    this.publish();
  }

  student(name: string): StudentRecord | undefined {
    return this.mem.students.find((s) => s.name === name);
  }

  /** Adds a warning once. */
  warn(message: string): void {
    if (!this.mem.warnings.includes(message)) this.mem.warnings.push(message);
    log.warn(message);
    this.touch();
  }

  status(): LabStatus {
    return labStatus(this.spec, this.workflowId, this.mem, this.prerequisites());
  }

  /** Pushes the status to the Web UI's "Current Details" (never secrets: details are not encrypted by policy). */
  publish(): void {
    const md = renderLabDetails(this.status());
    if (md === this.lastDetails) return;
    this.lastDetails = md;
    setCurrentDetails(md);
  }
}

/** The time now (workflow time: replay-safe) as ISO 8601. */
export const nowIso = (): string => new Date().toISOString();
