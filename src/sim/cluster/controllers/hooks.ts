import type { KubeObject } from '../model/types.js';
import type { ContainerSim } from './pod-sim.js';
import type { PodContext } from './containers.js';
import { connectionErrorLine, dependenciesOf, missingDependencies } from './gates.js';
import { containerSpec } from './pod-sim.js';
import { podDcName, sec } from './util.js';

/** Simulated seconds a hook spends booting (bundle exec, rails environment) before it touches its dependencies. */
export const HOOK_BOOT_SECONDS = 12;

/** Seconds of real work once connected: a first `openshift:deploy` loads the schema and seeds; reruns are quick. */
function workSeconds(hook: string, seeded: boolean): number {
  if (hook === 'pre') return seeded ? 25 : 95;
  return 20;
}

const counterKey = (ns: string, dc: string, hook: string): string => `hook-failures:${ns}/${dc}/${hook}`;
const seededKey = (ns: string, dc: string): string => `seeded:${ns}/${dc}`;

/**
 * Decides an attempt of a hook container at the end of its boot: it fails when a dependency its command connects
 * to is not ready, or while an injected `hook` fault still has failures to hand out. Returns the exit plan.
 */
export function decideHookAttempt(ctx: PodContext, cs: ContainerSim): { ok: boolean; doneAt: number } {
  const { c, ns, pod } = ctx;
  const dc = podDcName(pod) ?? '';
  const hook = ctx.s.hook ?? 'pre';
  const spec = containerSpec(pod, cs.name) as { command?: string[]; args?: string[]; env?: [] };
  const missing = missingDependencies(c, ns, dependenciesOf(c, ns, spec));
  const fault = ctx.faults.hook(ns, dc, hook);
  const key = counterKey(ns, dc, hook);
  const forced = fault !== undefined && (c.state.counters[key] ?? 0) < fault.failures;
  const cmd = [...(spec.command ?? []), ...(spec.args ?? [])].join(' ');
  if (missing.length > 0 || forced) {
    if (forced && missing.length === 0) c.state.counters[key] = (c.state.counters[key] ?? 0) + 1;
    const cause = missing.length > 0 ? connectionErrorLine(missing[0]) : 'ActiveRecord::StatementInvalid: Mysql2::Error: Lock wait timeout exceeded; try restarting transaction (injected fault)';
    cs.logs.push(`+ ${cmd.replace(/^bash -c /, '')}`, 'rake aborted!', ...cause.split('\n'), '', 'Tasks: TOP => boot', '(See full trace by running task with --trace)');
    return { ok: false, doneAt: c.now };
  }
  const seeded = (c.state.counters[seededKey(ns, dc)] ?? 0) > 0;
  return { ok: true, doneAt: c.now + sec(workSeconds(hook, seeded)) };
}

/** Records a successful hook (a later `openshift:deploy` finds the database seeded). */
export function hookSucceeded(ctx: PodContext, cs: ContainerSim): void {
  const dc = podDcName(ctx.pod) ?? '';
  ctx.c.state.counters[seededKey(ctx.ns, dc)] = 1;
  cs.logs.push(ctx.s.hook === 'pre' ? 'Database seeded. Done.' : 'Done.');
}

/** The DC hook definition (`pre`/`mid`/`post`) of a strategy, if any. */
export function strategyHook(dc: KubeObject, hook: string): { failurePolicy: string; execNewPod?: Record<string, unknown> } | undefined {
  const strategy = dc.spec?.strategy ?? {};
  const params = strategy.rollingParams ?? strategy.recreateParams ?? {};
  return params[hook];
}
