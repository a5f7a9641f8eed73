import { condition, setHandler } from '@temporalio/workflow';

import {
  addSignal,
  addUpdate,
  downSignal,
  downUpdate,
  extendSignal,
  extendUpdate,
  labCredentialsQuery,
  labStatusQuery,
  removeSignal,
  removeUpdate,
  resumeStudentSignal,
  resumeStudentUpdate,
  type ExtendArgs,
  type ResumeStudentArgs,
  type StudentsArgs,
} from '../../shared/lab-messages.js';
import { durationMs, LAB_DURATION, layoutProblems, STUDENT_NAME_MAX } from '../../shared/lab-spec.js';
import { installNoteSignal } from '../../shared/messages.js';
import { DNS1123_LABEL } from '../../shared/spec.js';
import type { LabLayoutDriver } from './layout.js';
import { newStudent } from './memory.js';
import type { LabRuntime } from './runtime.js';

/** Thrown by a validator: the update is rejected before anything is written to history. */
function reject(message: string): never {
  throw new Error(message);
}

function validateRunning(rt: LabRuntime): void {
  if (rt.mem.phase !== 'running' || rt.mem.teardown) reject(`lab ${rt.spec.name} is ${rt.mem.phase === 'torn-down' ? 'torn down' : 'being torn down'}`);
}

function validateExtend(rt: LabRuntime, args: ExtendArgs): void {
  validateRunning(rt);
  if (!LAB_DURATION.test(args?.by ?? '') || !(durationMs(args.by) > 0)) reject(`--by must be a positive duration like 30m, 4h or 2d, not "${args?.by ?? ''}"`);
}

function validateAdd(rt: LabRuntime, args: StudentsArgs): void {
  validateRunning(rt);
  const names = args?.students ?? [];
  if (names.length === 0) reject('name at least one student to add');
  for (const n of names) {
    if (!DNS1123_LABEL.test(n) || n.length > STUDENT_NAME_MAX) reject(`student ${n} is not a DNS-1123 label of at most ${STUDENT_NAME_MAX} characters`);
    const s = rt.student(n);
    if (s && s.state !== 'removed') reject(`student ${n} is already in the lab (${s.state})`);
  }
  if (new Set(names).size !== names.length) reject('a student is named twice');
  const problems = layoutProblems(rt.spec.layout, names, rt.spec.install);
  if (problems.length > 0) reject(problems.map((p) => p.message).join('; '));
}

function validateRemove(rt: LabRuntime, args: StudentsArgs): void {
  validateRunning(rt);
  const names = args?.students ?? [];
  if (names.length === 0) reject('name at least one student to remove');
  for (const n of names) {
    const s = rt.student(n);
    if (!s) reject(`lab ${rt.spec.name} has no student ${n}`);
    if (s.state === 'removed' || s.state === 'removing' || s.removeRequested) reject(`student ${n} is already ${s.state === 'removed' ? 'removed' : 'being removed'}`);
  }
}

function validateResume(rt: LabRuntime, args: ResumeStudentArgs): void {
  validateRunning(rt);
  const s = rt.student(args?.student ?? '');
  if (!s) reject(`lab ${rt.spec.name} has no student ${args?.student ?? ''}`);
  if (s.state !== 'paused' && s.state !== 'failed') reject(`student ${s.name} is ${s.state}, not paused or failed: there is nothing to resume`);
}

/** Runs a signal like its update when the update's validator accepts it; a signal cannot be rejected, so it is ignored with a warning. */
function signalLike<A>(rt: LabRuntime, name: string, validate: (a: A) => void, apply: (a: A) => void) {
  return (args: A) => {
    try {
      validate(args);
    } catch (err) {
      return rt.warn(`${name} signal ignored: ${(err as Error).message}`);
    }
    apply(args);
  };
}

/** Registers the lab's queries, signals and updates (updates with validators, and the same as signals). */
export function registerLabHandlers(rt: LabRuntime, driver: LabLayoutDriver): void {
  const { mem } = rt;
  setHandler(labStatusQuery, () => rt.status());
  setHandler(labCredentialsQuery, () => JSON.parse(JSON.stringify(mem.credentials)) as typeof mem.credentials);
  setHandler(installNoteSignal, (note) => driver.onNote(note));

  const extend = (args: ExtendArgs) => {
    mem.deadline = new Date(Date.parse(mem.deadline) + durationMs(args.by)).toISOString();
    rt.touch();
  };
  const down = () => {
    mem.teardown = 'down';
    rt.touch();
  };
  const add = (args: StudentsArgs) => {
    for (const n of args.students) {
      const old = rt.student(n);
      if (old) Object.assign(old, newStudent(n));
      else mem.students.push(newStudent(n));
    }
    rt.touch();
  };
  const remove = (args: StudentsArgs) => {
    for (const n of args.students) rt.student(n)!.removeRequested = true;
    rt.touch();
  };
  const resume = (args: ResumeStudentArgs) => driver.resume(rt.student(args.student)!);
  const settled = () => mem.phase !== 'running';

  setHandler(extendUpdate, (args) => (extend(args), rt.status()), { validator: (args) => validateExtend(rt, args) });
  setHandler(extendSignal, signalLike(rt, 'extend', (a: ExtendArgs) => validateExtend(rt, a), extend));
  setHandler(downUpdate, async () => (down(), await condition(settled), rt.status()), { validator: () => validateRunning(rt) });
  setHandler(downSignal, () => signalLike(rt, 'down', () => validateRunning(rt), down)(undefined));
  setHandler(addUpdate, (args) => (add(args), rt.status()), { validator: (args) => validateAdd(rt, args) });
  setHandler(addSignal, signalLike(rt, 'add', (a: StudentsArgs) => validateAdd(rt, a), add));
  setHandler(
    removeUpdate,
    async (args) => {
      remove(args);
      await condition(() => settled() || args.students.every((n) => ['removed', 'failed'].includes(rt.student(n)!.state) && !rt.student(n)!.removeRequested));
      return rt.status();
    },
    { validator: (args) => validateRemove(rt, args) },
  );
  setHandler(removeSignal, signalLike(rt, 'remove', (a: StudentsArgs) => validateRemove(rt, a), remove));
  setHandler(
    resumeStudentUpdate,
    async (args) => {
      // Accepted: the student waits for a free slot (resumeRequested) and then provisions again.
      resume(args);
      return rt.status();
    },
    { validator: (args) => validateResume(rt, args) },
  );
  setHandler(resumeStudentSignal, signalLike(rt, 'resume', (a: ResumeStudentArgs) => validateResume(rt, a), resume));
}
