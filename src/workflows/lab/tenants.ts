import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  ActivityCancellationType,
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  executeChild,
  isCancellation,
  log,
  ParentClosePolicy,
  proxyActivities,
  startChild,
} from '@temporalio/workflow';

import type { Activities } from '../../activities/index.js';
import type { ProvisionFailureDetails, ProvisionTenantInput } from '../../activities/lab/provision-tenant.js';
import type { RouterAddress } from '../../activities/lib/http-client.js';
import { NON_RETRYABLE_ERROR_TYPES } from '../../shared/errors.js';
import { installWorkflowId, teardownWorkflowId } from '../../shared/ids.js';
import { LabErrorType } from '../../shared/lab-errors.js';
import type { InstallNote } from '../../shared/messages.js';
import { LAB_NAME } from '../../shared/search-attributes.js';
import { install } from '../install.js';
import { teardown } from '../teardown.js';
import { watchChild } from './child-outcome.js';
import { hostOf, labError, type LabLayoutDriver } from './layout.js';
import type { StudentRecord } from './memory.js';
import { nowIso, type LabRuntime, type Prerequisites } from './runtime.js';

/** The key the shared install's `installNote` signals carry. */
export const SHARED_KEY = '<shared>';

const nonRetryableErrorTypes = [...NON_RETRYABLE_ERROR_TYPES, LabErrorType.MasterUnauthorized, LabErrorType.TenantApiFailed];

const { provisionTenant } = proxyActivities<Activities>({
  startToCloseTimeout: '15m',
  heartbeatTimeout: '1m',
  retry: { maximumAttempts: 3, initialInterval: '5s', maximumInterval: '30s', nonRetryableErrorTypes },
  // A removal or teardown waits until the activity really stopped, so it never races a half-made tenant.
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
});
const { removeTenant } = proxyActivities<Activities>({
  startToCloseTimeout: '5m',
  heartbeatTimeout: '1m',
  retry: { maximumAttempts: 5, initialInterval: '5s', nonRetryableErrorTypes },
});

/**
 * The `tenants` layout (peers.md §1.5, template era): one shared install (the ordinary `install` workflow as an
 * abandoned child that reports through `installNote`), then a tenant per student made by `provisionTenant`.
 */
export class TenantsLayout implements LabLayoutDriver {
  private readonly scopes = new Map<string, CancellationScope>();

  constructor(private readonly rt: LabRuntime) {}

  private get installId(): string {
    return installWorkflowId(this.rt.spec.install);
  }

  async start(): Promise<void> {
    const { mem, spec, workflowId } = this.rt;
    if (mem.shared) return;
    mem.shared = { workflowId: this.installId, state: 'starting', outputs: {} };
    try {
      const child = await startChild(install, {
        args: [spec.install, { parent: { workflowId, key: SHARED_KEY } }],
        workflowId: this.installId,
        parentClosePolicy: ParentClosePolicy.ABANDON,
        typedSearchAttributes: [{ key: LAB_NAME, value: spec.name }],
        staticSummary: `Shared 3scale ${spec.install.threescale.release} of lab ${spec.name} (project ${spec.install.openshift.project})`,
      });
      this.rt.children.add(this.installId);
      watchChild(SHARED_KEY, this.installId, child.result(), (note) => this.onNote(note));
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      mem.shared.state = 'failed';
      mem.shared.error = { type: 'AlreadyStarted', message: `install ${this.installId} already runs outside this lab: let it finish (or cancel it) and start the lab again` };
    }
    this.rt.touch();
  }

  capacity(concurrency: number): number {
    return concurrency;
  }

  prerequisites(): Prerequisites {
    const state = this.rt.mem.shared?.state;
    if (state === 'installed') return 'ready';
    if (state === 'paused') return 'paused';
    if (state === 'failed' || state === 'aborted' || state === 'cancelled') return 'failed';
    return 'waiting';
  }

  onNote(note: InstallNote): void {
    const shared = this.rt.mem.shared;
    if (note.key !== SHARED_KEY || !shared || note.workflowId !== shared.workflowId || shared.state === 'torn-down') return;
    Object.assign(shared, { state: note.state, step: note.step, error: note.error, outputs: { ...shared.outputs, ...note.outputs } });
    this.rt.touch();
  }

  inherited(): Array<{ key: string; workflowId: string }> {
    const shared = this.rt.mem.shared;
    const open = shared && ['starting', 'running', 'paused'].includes(shared.state) && !this.rt.children.has(shared.workflowId);
    return open ? [{ key: SHARED_KEY, workflowId: shared.workflowId }] : [];
  }

  /** Where the shared install answers: the master portal host and, for nip.io domains, the router address. */
  private where(): { masterHost: string; defaultAdminHost?: string; router?: RouterAddress; session?: { kubeconfig: string } } {
    const outputs = this.rt.mem.shared?.outputs ?? {};
    // The shared install's VM kubeconfig: the tenant activities' oc calls reach that VM whatever else the worker runs.
    const session = typeof outputs.adminKubeconfig === 'string' ? { kubeconfig: outputs.adminKubeconfig } : undefined;
    const masterHost = hostOf(outputs.masterPortal) ?? `master.${this.rt.spec.install.threescale.wildcardDomain ?? ''}`;
    const ip = /\.(\d{1,3}(?:\.\d{1,3}){3})\.nip\.io$/.exec(masterHost)?.[1];
    const spec = this.rt.spec.install.router;
    const address = spec?.address ?? ip;
    const router = address ? { address, httpPort: spec?.httpPort ?? 80, httpsPort: spec?.httpsPort ?? 443 } : undefined;
    return { masterHost, defaultAdminHost: hostOf(outputs.adminPortal), router, ...(session ? { session } : {}) };
  }

  provision(s: StudentRecord): void {
    const { mem, spec } = this.rt;
    Object.assign(s, { state: 'provisioning', runs: s.runs + 1, provisioningStartedAt: nowIso(), error: undefined, resumeRequested: false, stoppedAt: undefined });
    const credentials = mem.credentials[s.name];
    const input: ProvisionTenantInput = {
      lab: spec.name,
      student: s.name,
      project: spec.install.openshift.project,
      ...this.where(),
      echo: { serviceName: spec.install.smokeTest.serviceName, systemName: spec.install.smokeTest.systemName, backend: spec.install.smokeTest.backend },
      known: s.tenantId !== undefined && credentials ? { tenantId: s.tenantId, credentials } : undefined,
    };
    const scope = new CancellationScope();
    this.scopes.set(s.name, scope);
    this.rt.track(`provision:${s.name}`, async () => {
      try {
        const out = await scope.run(() => provisionTenant(input));
        mem.credentials[s.name] = out.credentials;
        Object.assign(s, { state: 'ready', tenantId: out.tenantId, readyAt: nowIso(), outputs: { adminUrl: out.adminUrl, gatewayUrl: out.gatewayUrl } });
        for (const w of out.warnings) this.rt.warn(`${s.name}: ${w}`);
      } catch (err) {
        this.keepTenant(s, err);
        Object.assign(s, { state: 'paused', error: labError(err), stoppedAt: nowIso() });
        if (!isCancellation(err)) log.warn('Student paused', { student: s.name, type: labError(err).type });
      } finally {
        this.scopes.delete(s.name);
      }
    });
  }

  /** A failure after the tenant existed carries it (id and credentials): the next run reuses it instead of making another. */
  private keepTenant(s: StudentRecord, err: unknown): void {
    const cause = err instanceof ActivityFailure ? err.cause : undefined;
    const tenant = cause instanceof ApplicationFailure ? (cause.details?.[0] as ProvisionFailureDetails | undefined)?.tenant : undefined;
    if (!tenant) return;
    s.tenantId = tenant.tenantId;
    this.rt.mem.credentials[s.name] = tenant.credentials;
  }

  resume(s: StudentRecord): void {
    Object.assign(s, { state: 'pending', resumeRequested: true });
    this.rt.touch();
  }

  cancel(s: StudentRecord): void {
    this.scopes.get(s.name)?.cancel();
  }

  async remove(s: StudentRecord): Promise<void> {
    Object.assign(s, { state: 'removing', removeRequested: false });
    this.rt.touch();
    try {
      if (s.runs > 0 && this.rt.mem.shared?.state === 'installed') {
        await removeTenant({ student: s.name, project: this.rt.spec.install.openshift.project, ...this.where(), tenantId: s.tenantId });
      }
      delete this.rt.mem.credentials[s.name];
      Object.assign(s, { state: 'removed', removedAt: nowIso(), outputs: {}, error: undefined });
    } catch (err) {
      Object.assign(s, { state: 'failed', error: { ...labError(err), message: `removal failed: ${labError(err).message}` }, stoppedAt: nowIso() });
    }
    this.rt.touch();
  }

  async teardownShared(): Promise<void> {
    const shared = this.rt.mem.shared;
    if (!shared) return;
    try {
      const result = await executeChild(teardown, { args: [this.rt.spec.install, { cancelInstall: true }], workflowId: teardownWorkflowId(this.rt.spec.install) });
      Object.assign(shared, { state: 'torn-down', step: undefined, error: undefined });
      this.rt.mem.summary = `shared install torn down: project ${result.project} ${result.projectAction}`;
    } catch (err) {
      this.rt.warn(`the shared install's teardown failed: ${labError(err).message}`);
    }
  }
}
