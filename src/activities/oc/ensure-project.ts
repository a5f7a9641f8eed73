import { ApplicationFailure } from '@temporalio/common';

import { ErrorType } from '../../shared/errors.js';
import { DNS1123_LABEL } from '../../shared/spec.js';
import type { ActivityDeps } from '../deps.js';
import { cliFailure, runCli } from '../lib/run-cli.js';
import { invalidInput, stepActivity } from '../lib/step-activity.js';

export interface EnsureProjectInput {
  project: string;
}

export interface EnsureProjectOutput {
  project: string;
  created: boolean;
}

type Lookup = 'active' | 'terminating' | 'absent';

/** Whether the project exists: `oc get project NAME -o json` (its phase tells Terminating apart). */
export async function lookupProject(deps: ActivityDeps, project: string): Promise<Lookup> {
  const res = await runCli(deps, { cli: 'oc', args: ['get', 'project', project, '-o', 'json'], timeoutMs: 60_000 });
  if (res.exitCode === 0) {
    const phase = (JSON.parse(res.stdout) as { status?: { phase?: string } }).status?.phase;
    return phase === 'Terminating' ? 'terminating' : 'active';
  }
  if (/\(NotFound\)|not found/.test(res.stderr)) return 'absent';
  throw cliFailure(deps, res, `looking up project ${project} failed`);
}

function terminating(project: string): ApplicationFailure {
  // Retryable: `oc new-project` answers AlreadyExists until the old project is gone (openshift-cli.md §3).
  return ApplicationFailure.create({
    type: ErrorType.ProjectTerminating,
    message: `project ${project} is still being deleted; waiting until it is gone`,
  });
}

/** Creates the project unless it exists (looked up first: `oc new-project` is not idempotent). */
export function createEnsureProject(deps: ActivityDeps) {
  return stepActivity(async ({ project }: EnsureProjectInput) => {
    if (!DNS1123_LABEL.test(project)) throw invalidInput(`project name "${project}" is not a DNS-1123 label`);
    const found = await lookupProject(deps, project);
    if (found === 'terminating') throw terminating(project);
    if (found === 'active') return { output: { project, created: false } satisfies EnsureProjectOutput };
    const res = await runCli(deps, { cli: 'oc', args: ['new-project', project], timeoutMs: 60_000 });
    if (res.exitCode === 0) return { output: { project, created: true } satisfies EnsureProjectOutput };
    if (/\(AlreadyExists\)/.test(res.stderr)) {
      // Created between our look-up and new-project (an earlier attempt that crashed), or still terminating.
      if ((await lookupProject(deps, project)) === 'active') return { output: { project, created: false } };
      throw terminating(project);
    }
    throw cliFailure(deps, res, `oc new-project ${project} failed`, {
      type: /is invalid|forbidden/.test(res.stderr) ? ErrorType.InvalidInput : ErrorType.CliFailed,
      retryable: !/is invalid|forbidden/.test(res.stderr),
    });
  });
}
