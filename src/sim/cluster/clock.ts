import type { ClockState } from './model/types.js';

/** The simulated time of `clock` at wall-clock `realNow` for a given speed factor. */
export function simNow(clock: ClockState, speed: number, realNow: number = Date.now()): number {
  if (!clock.running) return clock.sim;
  return clock.sim + Math.max(0, realNow - clock.real) * speed;
}

/** Re-stamps the clock at `realNow` (keeps the simulated time continuous). */
export function stampClock(clock: ClockState, speed: number, realNow: number = Date.now()): ClockState {
  return { real: realNow, sim: simNow(clock, speed, realNow), running: clock.running };
}

/** Sleeps for `simMs` simulated milliseconds, i.e. simMs / speed real milliseconds. */
export function simSleep(simMs: number, speed: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, simMs / speed)));
}

/** Sleeps for `ms` real milliseconds. */
export function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** RFC 3339 timestamp with second precision, as the API server prints it. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Parses an API timestamp back to ms. */
export function parseTime(ts: string | null | undefined): number {
  return ts ? Date.parse(ts) : 0;
}
