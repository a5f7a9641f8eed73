import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from '@jest/globals';
import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';

import { createDataConverter, Keyring, parseKeyLine } from '../../src/codec/index.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { workflowsPath } from '../../src/worker.js';

// Histories recorded by `npm run record-histories` (docs/replay.md), encrypted with the committed fixture key.
const dir = join(PROJECT_ROOT, 'test', 'replay');
const key = readFileSync(join(dir, 'fixture-codec-key.txt'), 'utf8').trim();
const dataConverter = createDataConverter(Keyring.fromRaw([parseKeyLine(key, 'fixture key')], 'fixture key'));
const history = (name: string) => JSON.parse(readFileSync(join(dir, 'histories', `${name}.json`), 'utf8')) as object;

describe('replay of recorded install histories against the current workflow code', () => {
  it.each(['completed', 'paused-resumed', 'crashed-recovered'])('replays the %s install without non-determinism', async (name) => {
    await expect(Worker.runReplayHistory({ workflowsPath: workflowsPath(), dataConverter }, history(name), `replay-${name}`)).resolves.toBeUndefined();
  });

  it('fails when a workflow change breaks determinism (a deliberately changed install)', async () => {
    const changed = join(dir, 'fixtures', 'changed-workflows.ts');
    const err = await Worker.runReplayHistory({ workflowsPath: changed, dataConverter }, history('completed'), 'replay-changed').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeterminismViolationError);
    expect(String((err as Error).message)).toMatch(/Nondeterminism|TMPRL1100/);
  });
});
