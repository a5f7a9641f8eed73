import { execa } from 'execa';

import { findTemporalCli } from '../../../src/temporal/binary.js';
import { temporalAddress } from '../../helpers/temporal.js';

/** One event of `temporal workflow show --output json`. */
export interface ShownEvent {
  eventType: string;
  [attributes: string]: unknown;
}

/** `temporal workflow show --output json` without a codec: the history exactly as the server stores it. */
export async function rawHistory(workflowId: string): Promise<{ text: string; events: ShownEvent[] }> {
  const { stdout } = await execa(findTemporalCli(), ['workflow', 'show', '--workflow-id', workflowId, '--output', 'json', '--address', temporalAddress()]);
  return { text: stdout, events: (JSON.parse(stdout) as { events: ShownEvent[] }).events };
}

/**
 * Starts a workflow the way the Web UI's Start Workflow form does: `temporal workflow start` with a plain JSON
 * input, no codec.
 */
export async function startPlain(opts: { type: string; taskQueue: string; workflowId: string; input: unknown }): Promise<void> {
  await execa(findTemporalCli(), [
    'workflow', 'start',
    '--type', opts.type,
    '--task-queue', opts.taskQueue,
    '--workflow-id', opts.workflowId,
    '--input', JSON.stringify(opts.input),
    '--address', temporalAddress(),
  ]);
}
