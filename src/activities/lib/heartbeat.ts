import { Context } from '@temporalio/activity';

// Heartbeat details replace each other, so every heartbeat of an activity must carry its current progress —
// not only the ones the activity sends itself. The CLI runner heartbeats while a child runs; it sends the
// details the activity set last.
const progress = new WeakMap<Context, unknown>();

/** The current activity context, or undefined outside an activity (plain function calls in tests). */
export function currentContext(): Context | undefined {
  try {
    return Context.current();
  } catch {
    return undefined;
  }
}

/** Sets this activity's progress details and heartbeats them. */
export function reportProgress(details: unknown): void {
  const ctx = currentContext();
  if (!ctx) return;
  progress.set(ctx, details);
  ctx.heartbeat(details);
}

/** Heartbeats the last progress details (or none yet). */
export function beat(): void {
  const ctx = currentContext();
  if (!ctx) return;
  ctx.heartbeat(progress.get(ctx) ?? ctx.info.heartbeatDetails);
}
