import logUpdate from 'log-update';

import type { LabState, LabStatus, StudentCredentials, StudentStatus } from '../shared/lab-status.js';
import { ExitCode } from './errors.js';

const MARK: Record<StudentStatus['state'], string> = {
  pending: '·',
  provisioning: '▸',
  ready: '✔',
  paused: '⏸',
  failed: '✘',
  removing: '⊖',
  removed: '-',
};

/** States after which `lab up` stops following: nothing more happens without a human (or the TTL). */
export const LAB_SETTLED = new Set<LabState>(['ready', 'paused', 'failed', 'torn-down']);

/** Exit code for a lab's state: 0 ready (or torn down on request), 3 paused, 1 anything else. */
export function labExitCode(status: LabStatus): ExitCode {
  if (status.state === 'ready') return ExitCode.Ok;
  if (status.state === 'paused') return ExitCode.Paused;
  return ExitCode.Failure;
}

/** One line per student: state, then URLs or the error and how to retry it. */
export function renderStudents(status: LabStatus): string[] {
  return status.students.map((s) => {
    const head = `  ${MARK[s.state]} ${s.name.padEnd(20)} ${s.state}${s.step && s.state === 'provisioning' ? ` (${s.step})` : ''}`;
    if ((s.state === 'paused' || s.state === 'failed') && s.error) {
      // installs: lab resume points the worker's kubeconfig at the student's VM before resuming its install.
      const install = s.installWorkflowId ? ` (install ${s.installWorkflowId}${s.step ? ` at ${s.step}` : ''})` : '';
      return `${head}${install}\n      ${s.error.type}: ${s.error.message}\n      retry: amp-installer lab resume ${status.name} ${s.name}`;
    }
    const urls = Object.entries(s.outputs).map(([k, v]) => `${k} ${v}`);
    return urls.length > 0 ? `${head}\n      ${urls.join('\n      ')}` : head;
  });
}

/** The human-readable status of a lab (`lab status`, the end of `lab up`). Never secrets. */
export function renderLabStatus(status: LabStatus, opts: { uiLink?: string } = {}): string {
  const counts = Object.entries(status.counts).map(([k, n]) => `${n} ${k}`).join(', ');
  const lines = [`Lab ${status.name} (${status.layout}, ${status.workflowId}): ${status.state} — ${counts || 'no students'}`];
  lines.push(`  torn down at ${status.deadline}${status.teardownReason ? ` (${status.teardownReason})` : ''}; at most ${status.concurrency} provisioned at once${status.canary ? `, canary ${status.canary}` : ''}`);
  if (status.shared) {
    const s = status.shared;
    lines.push(`  shared install ${s.workflowId}: ${s.state}${s.step ? ` at ${s.step}` : ''}${s.error ? ` — ${s.error.message}` : ''}`);
    if (s.state === 'paused') lines.push(`      resume: amp-installer resume ${s.workflowId}`);
  }
  lines.push(...renderStudents(status));
  if (status.warnings.length) lines.push('', ...status.warnings.map((w) => `warning: ${w}`));
  if (status.summary) lines.push('', status.summary);
  if (opts.uiLink) lines.push(`Temporal UI: ${opts.uiLink}`);
  return lines.join('\n');
}

/** `lab credentials`: the only lab output with secrets, printed because the user asked for them. */
export function renderCredentials(lab: string, creds: Record<string, StudentCredentials>): string {
  const names = Object.keys(creds).sort();
  if (names.length === 0) return `Lab ${lab} holds no credentials (no student is provisioned yet).`;
  const lines = [`Credentials of lab ${lab}:`];
  for (const name of names) {
    const c = creds[name];
    lines.push(`  ${name}:`, `    admin user:      ${c.adminUsername}`);
    if (c.adminPassword) lines.push(`    admin password:  ${c.adminPassword}`);
    if (c.accessToken) lines.push(`    access token:    ${c.accessToken}`);
    if (c.gatewayUserKey) lines.push(`    gateway user_key: ${c.gatewayUserKey}`);
    if (c.where) lines.push(`    secrets:         ${c.where}`);
  }
  return lines.join('\n');
}

/** Live per-student progress: a redrawn list on a TTY, one line per change otherwise (readable CI logs). */
export class LabProgressView {
  private last = new Set<string>();
  private readonly tty: boolean;

  constructor(private readonly out: NodeJS.WriteStream = process.stdout) {
    this.tty = Boolean(out.isTTY) && process.env.TERM !== 'dumb';
  }

  update(status: LabStatus): void {
    if (this.tty) return void logUpdate([`Lab ${status.name}: ${status.state}`, ...renderStudents(status)].join('\n'));
    const lines = [
      ...(status.shared ? [`shared install: ${status.shared.state}${status.shared.step ? ` (${status.shared.step})` : ''}`] : []),
      ...status.students.map((s) => `${s.name}: ${s.state}${s.error && s.state !== 'ready' ? ` — ${s.error.message}` : ''}`),
      `lab: ${status.state}`,
    ];
    for (const line of lines) if (!this.last.has(line)) this.out.write(`${line}\n`);
    this.last = new Set(lines);
  }

  done(): void {
    if (this.tty) logUpdate.done();
  }
}
