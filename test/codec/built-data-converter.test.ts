import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { describe, expect, it } from '@jest/globals';

import { formatKeyLine } from '../../src/codec/index.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { temporalAddress, uniqueId } from '../helpers/temporal.js';
import { freshKeys } from './helpers.js';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./fixtures/lib-worker.mjs', import.meta.url));
const builtConverter = join(PROJECT_ROOT, 'lib/src/codec/failure-converter.cjs');

describe('the data converter from the built code (lib/)', () => {
  it('encrypts an activity failure message with a real worker and client running under plain Node', async () => {
    if (!existsSync(builtConverter)) throw new Error(`${builtConverter} is missing: run \`npm run build\` first`);
    const password = `built-Secret-${uniqueId('pw')}`;
    const { stdout } = await run(process.execPath, [script], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        TEMPORAL_ADDRESS: temporalAddress(),
        AMP_CODEC_KEY: formatKeyLine(freshKeys('built-key')[0]),
        AMP_CODEC_KEY_FILE: '',
        TASK_QUEUE: uniqueId('codec-built'),
        WORKFLOW_ID: uniqueId('built-fail'),
        LOGIN_PASSWORD: password,
      },
      timeout: 90_000,
    });
    const out = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, string>;
    expect(out.failureConverterPath).toBe(builtConverter);
    expect(out.rawMessage).toBe('Encoded failure');
    expect(out.decodedMessage).toBe(`login rejected for password ${password}`);
  });
});
