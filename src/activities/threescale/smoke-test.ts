import { log } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';

import { ErrorType } from '../../shared/errors.js';

import type { ActivityDeps } from '../deps.js';
import { currentContext } from '../lib/heartbeat.js';
import { HttpClient, type RouterAddress } from '../lib/http-client.js';
import { stepActivity } from '../lib/step-activity.js';
import { AdminApi } from './admin-api.js';
import { secretValue } from './cluster-secrets.js';
import { proveEchoApi } from './echo-proof.js';
import { unadmittedRoutes } from './routes.js';

export interface SmokeTestInput {
  project: string;
  wildcardDomain: string;
  tenant: string;
  adminHost: string;
  router: RouterAddress;
  serviceName: string;
  systemName: string;
  backend: string;
  production: boolean;
}

/**
 * The Echo API smoke test of 3scale 2.4 (peers.md §3, §6.4) on the default tenant: with the admin access token from
 * secret system-seed, {@link proveEchoApi} finds or creates the service, plan and application, deploys to staging,
 * creates the staging route when missing and calls the gateway with no key, a bad key and the application's key.
 * Returns URLs and where secrets live, never their values.
 */
export function createSmokeTest(deps: ActivityDeps, pollMs: number) {
  return stepActivity(async (input: SmokeTestInput) => {
    const ctx = currentContext();
    const deadline = Date.now() + (ctx ? ctx.info.startToCloseTimeoutMs - 20_000 : 10 * 60_000);
    // A host another project's route already holds is served by that install: the admin API would answer with the
    // other install's token check (403), a misleading symptom. Say what really happened.
    const refused = await unadmittedRoutes(deps, input.project);
    if (refused.length > 0) {
      const list = refused.map((r) => `route ${r.name} (${r.host}): ${r.reason}: ${r.message}`).join('; ');
      throw ApplicationFailure.create({
        type: ErrorType.RouteNotAdmitted,
        nonRetryable: true,
        message: `the router does not serve this install's routes: ${list}`,
        details: [{ diagnosis: list, suggestion: 'another install on this cluster holds these hosts: give this install its own threescale.wildcardDomain (or its own VM), or tear the other one down, then resume' }],
      });
    }
    const token = await secretValue(deps, input.project, 'system-seed', 'ADMIN_ACCESS_TOKEN');
    const http = new HttpClient(deps.redactor, input.router);
    try {
      const api = new AdminApi(http, `https://${input.adminHost}`, token);
      const proof = await proveEchoApi(deps, api, http, { ...input, deadline, pollMs });
      const { service, app, account } = proof;
      log.info('Smoke test passed', { service: input.systemName, staging: new URL(proof.stagingGateway).hostname });
      return {
        output: {
          serviceId: service.id,
          applicationId: app.id,
          stagingGateway: proof.stagingGateway,
          checks: proof.checks,
          publish: {
            stagingGateway: proof.stagingGateway,
            ...(proof.productionGateway ? { productionGateway: proof.productionGateway } : {}),
            smokeTestService: `${input.serviceName} (id ${String(service.id)}, system_name ${input.systemName})`,
            smokeTestUserKey: `user_key of application ${String(app.id)} (account ${String(account.org_name ?? account.id)}): admin portal → Applications`,
          },
        },
      };
    } finally {
      await http.close();
    }
  });
}
