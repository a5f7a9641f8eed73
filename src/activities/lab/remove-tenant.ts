import { log } from '@temporalio/activity';

import type { ActivityDeps } from '../deps.js';
import { reportProgress } from '../lib/heartbeat.js';
import { HttpClient, type RouterAddress } from '../lib/http-client.js';
import { runCli } from '../lib/run-cli.js';
import { invalidInput } from '../lib/step-activity.js';
import { masterAccessToken } from '../threescale/cluster-secrets.js';
import { deleteRoutes } from '../threescale/routes.js';
import { MasterApi } from './master-api.js';
import { tenantNames } from './tenant-names.js';

export interface RemoveTenantInput {
  student: string;
  project: string;
  masterHost: string;
  router?: RouterAddress;
  /** The tenant the lab knows; without it the tenant is looked up by the student's admin username. */
  tenantId?: number;
}

export interface RemoveTenantOutput {
  tenant: 'deleted' | 'absent';
  tenantId?: number;
  routes: string[];
}

async function projectExists(deps: ActivityDeps, project: string): Promise<boolean> {
  const res = await runCli(deps, { cli: 'oc', args: ['get', 'project', project, '-o', 'name'], timeoutMs: 60_000 });
  return res.exitCode === 0;
}

/**
 * The `removeTenant` activity: deletes a student's tenant (`DELETE /master/api/providers/{id}.xml`; 2.4 schedules it
 * for deletion and its domains stop answering at once) and its routes. Idempotent: an absent tenant, route or even
 * project is fine, so teardown can repeat it.
 */
export function createRemoveTenant(deps: ActivityDeps) {
  return async function removeTenant(input: RemoveTenantInput): Promise<RemoveTenantOutput> {
    if (!input?.student || !input.project || !input.masterHost) throw invalidInput('removeTenant needs student, project and masterHost');
    const names = tenantNames(input.student);
    if (!(await projectExists(deps, input.project))) return { tenant: 'absent', routes: [] };
    reportProgress({ phase: 'deleting tenant', student: input.student });
    const http = new HttpClient(deps.redactor, input.router);
    let tenant: RemoveTenantOutput['tenant'] = 'absent';
    let tenantId = input.tenantId;
    try {
      const master = new MasterApi(http, input.masterHost, await masterAccessToken(deps, input.project), (t) => deps.redactor.redact(t));
      if (tenantId !== undefined) tenant = await master.delete(tenantId);
      // A tenant the lab never heard of (its creation answer was lost) is found by its admin username.
      const found = await master.findByUsername(names.username);
      if (found && found.orgName === names.orgName) {
        tenantId = found.id;
        tenant = await master.delete(found.id);
      }
    } finally {
      await http.close();
    }
    reportProgress({ phase: 'deleting routes', student: input.student });
    await deleteRoutes(deps, input.project, names.routes);
    log.info('Tenant removed', { student: input.student, tenantId, tenant });
    return { tenant, tenantId, routes: names.routes };
  };
}
