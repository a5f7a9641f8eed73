import { describe, expect, it } from '@jest/globals';

import type { InstallStatus } from '../../../src/shared/install-status.js';
import { installNotification, notificationPayload } from '../../../src/shared/notifications.js';

function status(overrides: Partial<InstallStatus>): InstallStatus {
  return {
    workflowId: 'install-minishift-minishift-3scale',
    project: '3scale',
    state: 'running',
    steps: [],
    readiness: { ready: 0, total: 0 },
    outputs: {},
    warnings: [],
    startedAt: '2026-03-01T09:00:00.000Z',
    ...overrides,
  };
}

describe('notificationPayload', () => {
  it('gives the same id for the same workflow, event and time, and a different one at another time', () => {
    const at = new Date('2026-03-01T10:00:00Z');
    const a = notificationPayload({ event: 'paused', workflowId: 'w', state: 'paused', at });
    const b = notificationPayload({ event: 'paused', workflowId: 'w', state: 'paused', at: at.toISOString() });
    const later = notificationPayload({ event: 'paused', workflowId: 'w', state: 'paused', at: new Date(at.getTime() + 1000) });
    expect(a).toEqual(b);
    expect(later.id).not.toBe(a.id);
    expect(a.at).toBe(at.toISOString());
  });

  it('leaves out optional fields that are empty', () => {
    const n = notificationPayload({ event: 'lab-torn-down', workflowId: 'lab-x', lab: 'x', state: 'torn-down', outputs: {}, at: new Date(0) });
    expect(Object.keys(n).sort()).toEqual(['at', 'event', 'id', 'lab', 'state', 'workflowId']);
  });
});

describe('installNotification', () => {
  it('carries the paused step and its error, and no outputs, for a paused install', () => {
    const error = { type: 'ReadinessTimeout', message: 'system-app not available' };
    const s = status({
      state: 'paused',
      currentStep: 'waitForReadiness',
      outputs: { adminPortal: 'https://admin' },
      pause: { step: 'waitForReadiness', since: 'x', error, resumeCommand: 'r', abortCommand: 'a' },
    });
    const n = installNotification('paused', s, new Date('2026-03-01T10:00:00Z'));
    expect(n).toMatchObject({ event: 'paused', state: 'paused', project: '3scale', step: 'waitForReadiness', error });
    expect(n.outputs).toBeUndefined();
  });

  it('carries the failed step and its error for a failed install', () => {
    const error = { type: 'Unauthorized', message: 'login refused' };
    const s = status({
      state: 'failed',
      steps: [
        { name: 'startCluster', title: 'Start', state: 'succeeded', attempts: 1, runs: 1 },
        { name: 'login', title: 'Log in', state: 'failed', attempts: 3, runs: 1, error },
      ],
    });
    expect(installNotification('failed', s, new Date(0))).toMatchObject({ step: 'login', error });
  });

  it('carries the outputs and no error once installed', () => {
    const outputs = { adminPortal: 'https://3scale-admin.example' };
    const n = installNotification('installed', status({ state: 'installed', outputs }), new Date(0), 'lab-1');
    expect(n).toMatchObject({ event: 'installed', state: 'installed', outputs, lab: 'lab-1' });
    expect(n.error).toBeUndefined();
    expect(n.step).toBeUndefined();
  });
});
