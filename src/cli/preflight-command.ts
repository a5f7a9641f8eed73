import { randomUUID } from 'node:crypto';

import { WorkflowFailedError } from '@temporalio/client';

import type { CheckResult, PreflightReport } from '../activities/preflight/types.js';
import { loadRuntimeConfig } from '../config/env.js';
import { installWorkflowId } from '../shared/ids.js';
import { connectClient } from '../temporal/client.js';
import type { preflight } from '../workflows/preflight.js';
import { ExitCode, ExitError } from './errors.js';
import { loadSpecOrExit } from './spec-input.js';

function icon(c: CheckResult): string {
  if (!c.ok) return '✘';
  return c.skipped ? '–' : '✔';
}

/** The report as text: one line per check, then its problems (✘) and warnings (!), then the verdict. */
export function renderReport(report: PreflightReport): string {
  const width = Math.max(...report.checks.map((c) => c.check.length));
  const lines: string[] = [];
  for (const c of report.checks) {
    const about = c.skipped ? `not checked: ${c.skipped}` : (c.summary ?? '');
    lines.push(`${icon(c)} ${c.check.padEnd(width)}  ${about}`.trimEnd());
    for (const p of c.problems) lines.push(`    ✘ ${p}`);
    for (const w of c.warnings) lines.push(`    ! ${w}`);
  }
  const n = report.problems.length;
  const w = report.warnings.length;
  const warned = w ? ` (${w} warning${w === 1 ? '' : 's'})` : '';
  lines.push('', n === 0 ? `Preflight passed: nothing stops an install${warned}.` : `Preflight found ${n} problem${n === 1 ? '' : 's'}${warned}; nothing was changed.`);
  return lines.join('\n');
}

/** `amp-installer preflight`: runs the `preflight` workflow on the worker and prints its report; returns the exit code. */
export async function runPreflightCommand(opts: { file: string; json?: boolean }): Promise<number> {
  const { spec } = loadSpecOrExit(opts.file);
  const config = loadRuntimeConfig();
  const client = await connectClient(config);
  try {
    // One id per run: a preflight is a quick read, two of them need not share a result.
    const workflowId = `${installWorkflowId(spec).replace(/^install-/, 'preflight-')}-${randomUUID().slice(0, 8)}`;
    if (!opts.json) process.stdout.write(`Preflight of project ${spec.openshift.project} on ${spec.platform.type === 'minishift' ? `minishift profile ${spec.platform.profile}` : 'the existing cluster'} (${workflowId})\n\n`);
    const report = await client.workflow.execute<typeof preflight>('preflight', {
      args: [spec],
      taskQueue: config.taskQueue,
      workflowId,
      // Without a worker on the task queue nothing would ever answer: give up instead of waiting for ever.
      workflowExecutionTimeout: '10 minutes',
      staticSummary: `Preflight of project ${spec.openshift.project}`,
    });
    process.stdout.write(`${opts.json ? JSON.stringify(report, null, 2) : renderReport(report)}\n`);
    return report.ok ? ExitCode.Ok : ExitCode.Failure;
  } catch (err) {
    if (err instanceof WorkflowFailedError) throw new ExitError(ExitCode.Failure, `preflight could not run: ${err.cause?.message ?? err.message}`);
    throw err;
  } finally {
    await client.connection.close();
  }
}
