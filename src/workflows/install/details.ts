import type { InstallStatus, StepStatus } from '../../shared/install-status.js';

const ICON: Record<StepStatus['state'], string> = {
  pending: '○',
  running: '◐',
  succeeded: '✔',
  skipped: '–',
  failed: '✘',
  cancelled: '⊘',
};

/**
 * The Markdown the Web UI shows as the workflow's "Current Details": state, steps, readiness, pause reason.
 * Never secrets: details are stored unencrypted (only payloads go through the codec).
 */
export function renderDetails(status: InstallStatus): string {
  const lines = [`**3scale install: ${status.state}**${status.currentStep ? ` — step \`${status.currentStep}\`` : ''}`, ''];
  for (const s of status.steps) {
    // Continuation lines of a multi-line error are indented so they stay inside the step's list item.
    const extra = s.state === 'failed' && s.error ? ` — ${text(s.error.message).replace(/\n/g, '\n  ')}` : s.attempts > 1 ? ` (attempt ${s.attempts})` : '';
    lines.push(`- ${ICON[s.state]} ${s.title} (\`${s.name}\`)${extra}`);
  }
  const { ready, total } = status.readiness;
  if (total > 0) lines.push('', `Readiness: ${ready}/${total} DeploymentConfigs available`);
  const waiting = status.readiness.dcs?.filter((d) => d.state !== 'available') ?? [];
  if (waiting.length > 0 && status.state === 'running') {
    // A blank line first: the Web UI's Markdown renderer joins a list that follows a paragraph line into it.
    lines.push('', ...waiting.slice(0, 8).map((d) => `- ${d.name}: ${d.reason ?? d.state}`));
  }
  if (status.pause) {
    lines.push('', `**Paused at \`${status.pause.step}\`:** ${text(status.pause.error.message)}`);
    if (status.pause.diagnosis) lines.push('', status.pause.diagnosis);
    if (status.pause.suggestion) lines.push('', `Suggested fix: ${text(status.pause.suggestion)}`);
    lines.push('', `Resume: \`${status.pause.resumeCommand}\` (or send the signal \`resume\`)`);
  }
  if (status.specProblems?.length) lines.push('', '**Invalid spec:**', '', ...status.specProblems.map((p) => `- ${text(p)}`));
  if (status.summary) lines.push('', text(status.summary));
  if (status.warnings.length) lines.push('', ...status.warnings.map((w) => `⚠ ${text(w)}`));
  return lines.join('\n');
}

/**
 * Free text for the Markdown: the UI's renderer turns `--` into an en dash, which breaks commands people copy
 * (`resume --set key=value`), so hyphen pairs are escaped outside code spans.
 */
function text(s: string): string {
  return s
    .split(/(`[^`\n]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/--/g, '\\-\\-')))
    .join('');
}
