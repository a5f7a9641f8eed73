import type { PreflightContext } from './context.js';
import { formatCpu, formatMiB, minishiftMiB } from './quantity.js';
import type { TemplateFacts } from './template-facts.js';
import type { CheckOutcome } from './types.js';

/** What the 15 pods of a 3scale install need in practice even when the template requests nothing (the eval template). */
export const EVAL_FLOOR = { memoryMiB: 6 * 1024, cpuMillis: 2000 };
/** OpenShift's own pods in the VM (router, registry, web console, control plane) on top of the template's requests. */
export const OPENSHIFT_OVERHEAD = { memoryMiB: 1024, cpuMillis: 500 };

/** What the template needs of the VM: its requests plus OpenShift's share, and never less than the eval floor. */
export function templateNeeds(t: TemplateFacts): { memoryMiB: number; cpus: number; why: string } {
  const requested = t.requests.containers > 0;
  const memoryMiB = Math.max(EVAL_FLOOR.memoryMiB, requested ? t.requests.memoryMiB + OPENSHIFT_OVERHEAD.memoryMiB : 0);
  const cpuMillis = Math.max(EVAL_FLOOR.cpuMillis, requested ? t.requests.cpuMillis + OPENSHIFT_OVERHEAD.cpuMillis : 0);
  const why = requested
    ? `its containers request ${formatMiB(t.requests.memoryMiB)} and ${formatCpu(t.requests.cpuMillis)} CPU, plus about ` +
      `${formatMiB(OPENSHIFT_OVERHEAD.memoryMiB)} and ${formatCpu(OPENSHIFT_OVERHEAD.cpuMillis)} CPU for OpenShift itself`
    : `it sets no resource requests, but its ${t.pods} pods need about ${formatMiB(EVAL_FLOOR.memoryMiB)} in practice`;
  return { memoryMiB: Math.ceil(memoryMiB), cpus: Math.ceil(cpuMillis / 1000), why };
}

/**
 * Check 3: the VM the spec asks for is big enough for the template. Minishift applies platform.memory/cpus
 * only when it creates the VM, so for an existing VM a shortfall is a warning (its real size is not visible here).
 */
export async function checkResources(ctx: PreflightContext): Promise<CheckOutcome> {
  const t = ctx.template;
  if (!t) return { skipped: 'the template is not readable (see template)' };
  const needs = templateNeeds(t);
  const wanted = `about ${formatMiB(needs.memoryMiB)} and ${needs.cpus} CPUs`;
  const p = ctx.input.platform;
  if (p.type !== 'minishift') {
    return { summary: `the template ${t.name} needs ${wanted} (${needs.why}); the existing cluster's capacity is not checked` };
  }
  const memory = minishiftMiB(p.memory) ?? 0;
  const short: string[] = [];
  if (memory < needs.memoryMiB) short.push(`platform.memory ${p.memory} is less than the ${formatMiB(needs.memoryMiB)} the template ${t.name} needs (${needs.why}): set it to ${Math.ceil(needs.memoryMiB / 1024)}GB or more`);
  if (p.cpus < needs.cpus) short.push(`platform.cpus ${p.cpus} is less than the ${needs.cpus} CPUs the template ${t.name} needs: set it to ${needs.cpus} or more`);
  const vm = ctx.cluster?.vm;
  if (vm === 'running' || vm === 'stopped') {
    const note = `the VM of profile ${p.profile} exists: minishift ignores platform.memory/cpus for it and keeps the size it was created with (to resize, tear down with --vm delete)`;
    return { warnings: [note, ...short], summary: `the template needs ${wanted}` };
  }
  return { problems: short, summary: `platform ${p.memory} / ${p.cpus} CPUs; the template ${t.name} needs ${wanted}` };
}
