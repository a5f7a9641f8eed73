import logUpdate from 'log-update';

import type { InstallStatus } from '../shared/install-status.js';
import { readinessBar, renderSteps } from './render-status.js';

/**
 * Live progress of an install in the terminal: a redrawn step list with a readiness bar on a TTY, plain lines
 * (one per change) otherwise — so logs of CI jobs stay readable.
 */
export class ProgressView {
  private lastLines = new Set<string>();
  private readonly tty: boolean;

  constructor(private readonly out: NodeJS.WriteStream = process.stdout) {
    this.tty = Boolean(out.isTTY) && process.env.TERM !== 'dumb';
  }

  update(status: InstallStatus): void {
    if (this.tty) {
      const head = `3scale install ${status.workflowId}: ${status.state}`;
      const bar = status.readiness.total > 0 ? [`  readiness ${readinessBar(status.readiness.ready, status.readiness.total)}`] : [];
      const waiting = (status.readiness.dcs ?? []).filter((d) => d.state !== 'available').slice(0, 5).map((d) => `    ${d.name}: ${d.reason ?? d.state}`);
      logUpdate([head, ...renderSteps(status), ...bar, ...(status.state === 'running' ? waiting : [])].join('\n'));
      return;
    }
    const lines = [
      ...status.steps.filter((s) => s.state !== 'pending').map((s) => `${s.name}: ${s.state}${s.attempts > 1 ? ` (attempt ${s.attempts})` : ''}${s.error && s.state === 'failed' ? ` — ${s.error.message}` : ''}`),
      ...(status.readiness.total > 0 ? [`readiness: ${status.readiness.ready}/${status.readiness.total} DeploymentConfigs available`] : []),
      `install: ${status.state}`,
    ];
    for (const line of lines) {
      if (!this.lastLines.has(line)) this.out.write(`${line}\n`);
    }
    this.lastLines = new Set(lines);
  }

  /** Leaves the last frame on screen. */
  done(): void {
    if (this.tty) logUpdate.done();
  }
}
