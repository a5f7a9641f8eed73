import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import type { checkTools } from '../../src/workflows/check-tools.js';
import { startHarness, type Harness } from '../helpers/install-harness.js';
import { simWorld } from '../helpers/sim.js';
import { uniqueId } from '../helpers/temporal.js';

const world = simWorld();
let h: Harness;
beforeAll(async () => {
  h = await startHarness(world);
});
afterAll(async () => {
  await h?.stop();
});

describe('checkTools workflow', () => {
  it("reports the worker's oc and minishift versions end to end", async () => {
    const report = await h.client.workflow.execute<typeof checkTools>('checkTools', { taskQueue: h.taskQueue, workflowId: uniqueId('tools') });
    expect(report).toEqual({
      oc: { command: 'oc', found: true, version: 'oc v3.11.0+0cbc58b' },
      minishift: { command: 'minishift', found: true, version: 'minishift v1.34.3+4b58f89' },
    });
  });
});
