import type { LabStatus, StudentState } from '../../shared/lab-status.js';

const ICON: Record<StudentState, string> = {
  pending: '○',
  provisioning: '◐',
  ready: '✔',
  paused: '⏸',
  failed: '✘',
  removing: '⊖',
  removed: '–',
};

/**
 * The Markdown the Web UI shows as the lab's "Current Details": state, deadline, the shared install and one line per
 * student with its URLs. Never secrets: current details are not encrypted by policy (docs/security.md).
 */
export function renderLabDetails(status: LabStatus): string {
  const counts = Object.entries(status.counts).map(([k, n]) => `${n} ${k}`).join(', ');
  const lines = [`**Lab ${status.name} (${status.layout}): ${status.state}** — ${counts || 'no students'}`, '', `Torn down at ${status.deadline}${status.teardownReason ? ` (${status.teardownReason})` : ''}`];
  if (status.shared) {
    const s = status.shared;
    lines.push('', `Shared install \`${s.workflowId}\`: ${s.state}${s.step ? ` at \`${s.step}\`` : ''}${s.error ? ` — ${s.error.message}` : ''}`);
  }
  lines.push('');
  for (const s of status.students) {
    const urls = Object.values(s.outputs).join(' ');
    const extra = s.error && (s.state === 'paused' || s.state === 'failed') ? ` — ${s.error.message}` : urls ? ` — ${urls}` : '';
    lines.push(`- ${ICON[s.state]} ${s.name}: ${s.state}${s.installWorkflowId ? ` (\`${s.installWorkflowId}\`)` : ''}${extra}`);
  }
  if (status.warnings.length) lines.push('', ...status.warnings.map((w) => `⚠ ${w}`));
  return lines.join('\n');
}
