import { describe, expect, it } from '@jest/globals';

import { podProblem } from '../../../src/activities/diagnostics/collect-diagnostics.js';

const pod = (containerStatuses: object[], phase = 'Running') => ({ kind: 'Pod', metadata: { name: 'system-app-1-hook-pre' }, status: { phase, containerStatuses } });

describe('podProblem', () => {
  it('names a waiting container with its reason and restarts', () => {
    const p = pod([{ name: 'lifecycle', restartCount: 7, state: { waiting: { reason: 'CrashLoopBackOff', message: 'Back-off 5m0s' } } }]);
    expect(podProblem(p)).toBe('lifecycle: CrashLoopBackOff — Back-off 5m0s (7 restarts)');
  });

  it('names a crash-looping container caught running again between two crashes, by its last exit', () => {
    const p = pod([{ name: 'lifecycle', restartCount: 3, state: { running: {} }, lastState: { terminated: { exitCode: 1, reason: 'Error' } } }]);
    expect(podProblem(p)).toBe('lifecycle: restarted 3 times, last exit 1 (Error)');
  });

  it('leaves a healthy running container alone', () => {
    expect(podProblem(pod([{ name: 'system-app', restartCount: 0, ready: true, state: { running: {} } }]))).toBeUndefined();
  });
});
