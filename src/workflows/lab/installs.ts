import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { executeChild, getExternalWorkflowHandle, ParentClosePolicy, startChild } from '@temporalio/workflow';

import { installWorkflowId, teardownWorkflowId } from '../../shared/ids.js';
import { studentInstallSpec, studentProfile } from '../../shared/lab-spec.js';
import { resumeSignal, type InstallNote } from '../../shared/messages.js';
import { LAB_NAME } from '../../shared/search-attributes.js';
import { install } from '../install.js';
import { teardown } from '../teardown.js';
import { watchChild } from './child-outcome.js';
import { labError, urlOutputs, type LabLayoutDriver } from './layout.js';
import type { StudentRecord } from './memory.js';
import { nowIso, type LabRuntime, type Prerequisites } from './runtime.js';

/**
 * The `installs` layout: a whole install per student on its own Minishift profile `<lab>-<student>` (its own VM and
 * IP), as an abandoned child `install` that reports every state change through `installNote`. The lab awaits only
 * the start of each child, so it can continue as new while the installs run.
 */
export class InstallsLayout implements LabLayoutDriver {
  constructor(private readonly rt: LabRuntime) {}

  async start(): Promise<void> {
    // Nothing shared: every student has its own VM.
  }

  prerequisites(): Prerequisites {
    return 'ready';
  }

  /** Each install runs its `oc` calls with its own VM's kubeconfig (the install's cluster session): no limit of our own. */
  capacity(concurrency: number): number {
    return concurrency;
  }

  provision(s: StudentRecord): void {
    if (s.state === 'paused' && s.resumeRequested && s.installWorkflowId) return this.continueInstall(s, s.installWorkflowId);
    const { spec, workflowId } = this.rt;
    const studentSpec = studentInstallSpec(spec, s.name);
    const id = installWorkflowId(studentSpec);
    Object.assign(s, { state: 'provisioning', runs: s.runs + 1, provisioningStartedAt: nowIso(), error: undefined, step: undefined, resumeRequested: false, installWorkflowId: id, stoppedAt: undefined });
    this.rt.track(`start:${s.name}`, async () => {
      try {
        const child = await startChild(install, {
          args: [studentSpec, { parent: { workflowId, key: s.name } }],
          workflowId: id,
          parentClosePolicy: ParentClosePolicy.ABANDON,
          typedSearchAttributes: [{ key: LAB_NAME, value: spec.name }],
          staticSummary: `3scale ${spec.install.threescale.release} for ${s.name} of lab ${spec.name} (profile ${studentProfile(spec.name, s.name)})`,
        });
        this.rt.children.add(id);
        watchChild(s.name, id, child.result(), (note) => this.onNote(note));
      } catch (err) {
        const error =
          err instanceof WorkflowExecutionAlreadyStartedError
            ? { type: 'AlreadyStarted', message: `install ${id} already runs outside this lab: let it finish (or cancel it), then amp-installer lab resume ${spec.name} ${s.name}` }
            : labError(err);
        Object.assign(s, { state: 'failed', error, stoppedAt: nowIso() });
      }
    });
  }

  /** Resumes the student's paused install once it has the slot (its steps reach its own VM through its session). */
  private continueInstall(s: StudentRecord, id: string): void {
    Object.assign(s, { state: 'provisioning', resumeRequested: false, error: undefined, stoppedAt: undefined });
    this.rt.track(`resume:${s.name}`, async () => {
      try {
        await getExternalWorkflowHandle(id).signal(resumeSignal, {});
      } catch (err) {
        Object.assign(s, { state: 'paused', error: labError(err), stoppedAt: nowIso() });
      }
    });
  }

  onNote(note: InstallNote): void {
    const s = this.rt.student(note.key);
    if (!s || s.installWorkflowId !== note.workflowId || s.state === 'removing' || s.state === 'removed' || this.rt.mem.phase !== 'running') return;
    s.step = note.step;
    switch (note.state) {
      case 'running':
        // Also after `amp-installer resume <id>` of a paused install.
        Object.assign(s, { state: 'provisioning', error: undefined, stoppedAt: undefined });
        break;
      case 'paused':
        Object.assign(s, { state: 'paused', error: note.error, stoppedAt: nowIso() });
        break;
      case 'installed':
        if (s.state === 'ready') break;
        Object.assign(s, { state: 'ready', error: undefined, step: undefined, readyAt: nowIso(), outputs: urlOutputs(note.outputs) });
        this.rt.mem.credentials[s.name] = {
          adminUsername: typeof note.outputs.adminUser === 'string' ? note.outputs.adminUser : 'admin',
          where: `secret system-seed of project ${this.rt.spec.install.openshift.project} on VM profile ${studentProfile(this.rt.spec.name, s.name)}: amp-installer status ${note.workflowId} --show-secrets (with that VM's oc context)`,
        };
        break;
      default:
        Object.assign(s, { state: 'failed', error: note.error ?? { type: note.state, message: `the install ended ${note.state}` }, stoppedAt: nowIso() });
    }
    this.rt.touch();
  }

  inherited(): Array<{ key: string; workflowId: string }> {
    return this.rt.mem.students
      .filter((s) => s.installWorkflowId && (s.state === 'provisioning' || s.state === 'paused') && !this.rt.children.has(s.installWorkflowId))
      .map((s) => ({ key: s.name, workflowId: s.installWorkflowId! }));
  }

  resume(s: StudentRecord): void {
    // A paused install goes on where it stopped; an ended one is installed again. Both wait for a free slot.
    if (s.state === 'paused' && s.installWorkflowId) s.resumeRequested = true;
    else Object.assign(s, { state: 'pending', resumeRequested: true });
    this.rt.touch();
  }

  cancel(_s: StudentRecord): void {
    // The student's teardown cancels its running install (teardown's cancelInstall).
  }

  async remove(s: StudentRecord): Promise<void> {
    Object.assign(s, { state: 'removing', removeRequested: false });
    this.rt.touch();
    try {
      if (s.installWorkflowId) {
        const studentSpec = studentInstallSpec(this.rt.spec, s.name);
        await executeChild(teardown, { args: [studentSpec, { vm: 'delete', cancelInstall: true }], workflowId: teardownWorkflowId(studentSpec) });
      }
      delete this.rt.mem.credentials[s.name];
      Object.assign(s, { state: 'removed', removedAt: nowIso(), outputs: {}, error: undefined, step: undefined });
    } catch (err) {
      Object.assign(s, { state: 'failed', error: { ...labError(err), message: `removal failed: ${labError(err).message}` }, stoppedAt: nowIso() });
    }
    this.rt.touch();
  }

  async teardownShared(): Promise<void> {
    // Nothing shared: each student's teardown deleted its VM.
  }
}
