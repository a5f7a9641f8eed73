import { sleep } from '@temporalio/activity';

import type { ActivityDeps } from '../deps.js';
import { reportProgress } from '../lib/heartbeat.js';
import { cliFailure, runCli } from '../lib/run-cli.js';
import { invalidInput } from '../lib/step-activity.js';
import { DNS1123_LABEL } from '../../shared/spec.js';
import { lookupProject } from './ensure-project.js';

export interface DeleteProjectInput {
  project: string;
}

export interface DeleteProjectOutput {
  project: string;
  /** deleted: this call deleted it; absent: there was nothing to delete; waited: it was already being deleted. */
  action: 'deleted' | 'absent' | 'waited';
}

/**
 * Deletes the project and returns once it is gone (`oc delete project` waits by default in oc 3.11); idempotent:
 * an absent project is fine, a terminating one is waited for.
 */
export function createDeleteProject(deps: ActivityDeps, pollMs: number) {
  return async function deleteProject({ project }: DeleteProjectInput): Promise<DeleteProjectOutput> {
    if (!DNS1123_LABEL.test(project)) throw invalidInput(`project name "${project}" is not a DNS-1123 label`);
    const found = await lookupProject(deps, project);
    if (found === 'absent') return { project, action: 'absent' };
    let action: DeleteProjectOutput['action'] = 'waited';
    if (found === 'active') {
      reportProgress({ phase: 'deleting', project });
      const res = await runCli(deps, { cli: 'oc', args: ['delete', 'project', project], timeoutMs: 30 * 60_000 });
      if (res.exitCode !== 0 && !/\(NotFound\)/.test(res.stderr)) throw cliFailure(deps, res, `oc delete project ${project} failed`);
      action = 'deleted';
    }
    // `oc delete project` waits by default, but a project already terminating (an earlier attempt) is waited for here.
    while ((await lookupProject(deps, project)) !== 'absent') {
      reportProgress({ phase: 'waiting until gone', project });
      await sleep(pollMs);
    }
    return { project, action };
  };
}
