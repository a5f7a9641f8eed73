import { condition, log, setHandler } from '@temporalio/workflow';

import type { InstallSpec, InstallSpecInput } from '../../shared/spec.js';
import { changedSpec, SpecChangeError } from '../../shared/spec-changes.js';
import {
  abortSignal,
  abortUpdate,
  resumeSignal,
  resumeUpdate,
  type AbortArgs,
  type ResumeArgs,
} from '../../shared/messages.js';
import type { InstallTracker } from './tracker.js';

/** What a human decided about a paused install. */
export type Decision =
  | { kind: 'resume'; input: InstallSpecInput; spec: InstallSpec; changes: string[] }
  | { kind: 'abort'; teardown: boolean };

/**
 * The resume/abort handlers (updates with validators, and the same as signals for the Web UI) and the wait for
 * a decision. `current()` gives the spec input the changes apply to.
 */
export class Decisions {
  private pending?: Decision;
  /** Set by abort while a step runs, so the runner can cancel the step. */
  abortRequested?: AbortArgs;

  constructor(
    private readonly tracker: InstallTracker,
    private readonly current: () => InstallSpecInput,
  ) {
    setHandler(
      resumeUpdate,
      async (args?: ResumeArgs) => {
        this.pending = this.resumeDecision(args);
        await condition(() => this.tracker.status.state !== 'paused');
        return this.tracker.status;
      },
      {
        validator: (args?: ResumeArgs) => {
          if (this.tracker.status.state !== 'paused') {
            throw new Error(`the install is ${this.tracker.status.state}, not paused: there is nothing to resume`);
          }
          this.resumeDecision(args); // throws SpecChangeError with the reason
        },
      },
    );
    setHandler(resumeSignal, (args?: ResumeArgs) => {
      if (this.tracker.status.state !== 'paused') return void log.warn('resume signal ignored: the install is not paused');
      try {
        this.pending = this.resumeDecision(args);
      } catch (err) {
        // A signal cannot be rejected; the reason shows in the status and the Web UI instead.
        const msg = `resume signal ignored: ${(err as Error).message}`;
        log.warn(msg);
        if (!this.tracker.status.warnings.includes(msg)) this.tracker.status.warnings.push(msg);
        this.tracker.publish();
      }
    });
    setHandler(
      abortUpdate,
      async (args?: AbortArgs) => {
        this.abort(args);
        await condition(() => this.tracker.status.state === 'aborted');
        return this.tracker.status;
      },
      {
        validator: (_args?: AbortArgs) => {
          const s = this.tracker.status.state;
          if (s !== 'paused' && s !== 'running') throw new Error(`the install is already ${s}`);
        },
      },
    );
    setHandler(abortSignal, (args?: AbortArgs) => {
      const s = this.tracker.status.state;
      if (s === 'paused' || s === 'running') this.abort(args);
    });
  }

  private abort(args?: AbortArgs): void {
    this.abortRequested = { teardown: args?.teardown ?? false };
    this.pending = { kind: 'abort', teardown: args?.teardown ?? false };
  }

  private resumeDecision(args?: ResumeArgs): Decision {
    const changes = args?.set ?? [];
    try {
      const { input, spec } = changedSpec(this.current(), changes);
      return { kind: 'resume', input, spec, changes };
    } catch (err) {
      if (err instanceof SpecChangeError) throw new Error(err.message, { cause: err });
      throw err;
    }
  }

  /** Waits for resume or abort (or `timeout`, then undefined). */
  async next(timeout?: string): Promise<Decision | undefined> {
    this.pending = this.abortRequested ? { kind: 'abort', teardown: this.abortRequested.teardown ?? false } : undefined;
    const decided = timeout ? await condition(() => this.pending !== undefined, timeout) : (await condition(() => this.pending !== undefined), true);
    const decision = decided ? this.pending : undefined;
    this.pending = undefined;
    return decision;
  }
}
