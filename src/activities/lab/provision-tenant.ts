import { randomBytes } from 'node:crypto';

import { log, sleep } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';

import { ErrorType } from '../../shared/errors.js';
import type { StudentCredentials } from '../../shared/lab-status.js';
import type { ActivityDeps } from '../deps.js';
import { beat as heartbeatAgain, currentContext, reportProgress } from '../lib/heartbeat.js';
import { HttpClient, type RouterAddress } from '../lib/http-client.js';
import { invalidInput } from '../lib/step-activity.js';
import { AdminApi, listOf } from '../threescale/admin-api.js';
import { masterAccessToken, secretValue } from '../threescale/cluster-secrets.js';
import { proveEchoApi } from '../threescale/echo-proof.js';
import { ensureRoute } from '../threescale/routes.js';
import { MasterApi, type Tenant } from './master-api.js';
import { tenantNames } from './tenant-names.js';

/** A tenant the lab already knows: its id and the credentials it was created with. */
export interface KnownTenant {
  tenantId: number;
  credentials: StudentCredentials;
}

export interface ProvisionTenantInput {
  lab: string;
  student: string;
  /** Project of the shared install. */
  project: string;
  /** `master.<wildcard domain>`: where the master API answers. */
  masterHost: string;
  /** Admin portal host of the shared install's own tenant: its application keys must not open the student's gateway. */
  defaultAdminHost?: string;
  router?: RouterAddress;
  echo: { serviceName: string; systemName: string; backend: string };
  /** What the lab's state holds from an earlier run of this student. */
  known?: KnownTenant;
}

export interface ProvisionTenantOutput {
  tenantId: number;
  adminUrl: string;
  gatewayUrl: string;
  credentials: StudentCredentials;
  warnings: string[];
}

/** What every heartbeat of the activity carries (encrypted like every payload): a retry picks the tenant up from it. */
interface Progress extends Partial<KnownTenant> {
  phase: string;
  [key: string]: unknown;
}

/** Details of a failure after the tenant exists: the lab keeps the tenant (and its credentials) for the next run. */
export interface ProvisionFailureDetails {
  tenant?: KnownTenant;
  [key: string]: unknown;
}

function randomPassword(): string {
  return randomBytes(18).toString('base64url');
}

/** Polls the tenant's admin portal until its route serves it (the router admits a new route within moments). */
async function waitForPortal(http: HttpClient, adminHost: string, token: string, deadline: number, pollMs: number): Promise<void> {
  const authorization = `Basic ${Buffer.from(`:${token}`).toString('base64')}`;
  for (;;) {
    const res = await http.send({ method: 'GET', url: `https://${adminHost}/admin/api/services.json`, headers: { authorization } }).catch(() => undefined);
    if (res && res.status !== 503) return;
    if (Date.now() > deadline) throw ApplicationFailure.create({ type: ErrorType.HttpUnavailable, message: `the admin portal ${adminHost} is not served yet (route not admitted?)` });
    await sleep(pollMs);
  }
}

/** A user_key of the shared install's own tenant (its sample application): another tenant's key to refuse. */
async function foreignKey(deps: ActivityDeps, http: HttpClient, input: ProvisionTenantInput): Promise<string | undefined> {
  if (!input.defaultAdminHost) return undefined;
  const token = await secretValue(deps, input.project, 'system-seed', 'ADMIN_ACCESS_TOKEN');
  if (!token) return undefined;
  const apps = listOf(await new AdminApi(http, `https://${input.defaultAdminHost}`, token).get('/admin/api/applications.json'), ['applications'], ['application']);
  const key = apps.map((a) => String(a.user_key ?? '')).find(Boolean);
  if (key) deps.redactor.add(key, 'default tenant user_key');
  return key;
}

/**
 * Finds the student's tenant or creates it. 2.4 tenant creation is not idempotent, so this looks first: the tenant
 * of the last heartbeat or of the lab's state (kept with the credentials it was created with), else one found by
 * the student's admin username — an orphan whose creation answer was lost, so nobody knows its password or token:
 * it is deleted and created afresh.
 */
async function resolveTenant(master: MasterApi, input: ProvisionTenantInput, beat: (p: Progress) => void, warnings: string[]): Promise<{ tenant: Tenant; credentials: StudentCredentials }> {
  const names = tenantNames(input.student);
  const hb = currentContext()?.info.heartbeatDetails as Progress | undefined;
  const known = hb?.tenantId && hb.credentials ? { tenantId: hb.tenantId, credentials: hb.credentials } : input.known;
  if (known) {
    const tenant = await master.get(known.tenantId);
    if (tenant) return { tenant, credentials: known.credentials };
  }
  const orphan = await master.findByUsername(names.username);
  if (orphan && orphan.orgName === names.orgName) {
    await master.delete(orphan.id);
    warnings.push(`tenant ${orphan.id} of ${input.student} had lost its credentials (an interrupted creation); it was deleted and created again`);
  }
  const password = randomPassword();
  const created = await master.create({ orgName: names.orgName, username: names.username, email: names.email(input.lab), password });
  const credentials: StudentCredentials = { adminUsername: names.username, adminPassword: password, accessToken: created.accessToken };
  beat({ phase: 'tenant created', tenantId: created.tenant.id, credentials });
  return { tenant: created.tenant, credentials };
}

/**
 * The `provisionTenant` activity of a `tenants` lab: reads MASTER_ACCESS_TOKEN from the cluster, finds or creates the
 * student's tenant through the master API (admin password generated here), activates its admin, routes its admin
 * domain to system-provider, and proves the tenant works with the Echo API on its own staging route (its key
 * answers, another tenant's key does not). Credentials are returned to the lab's (encrypted) state only.
 */
export function createProvisionTenant(deps: ActivityDeps, pollMs: number) {
  return async function provisionTenant(input: ProvisionTenantInput): Promise<ProvisionTenantOutput> {
    if (!input?.student || !input.project || !input.masterHost) throw invalidInput('provisionTenant needs student, project and masterHost');
    const ctx = currentContext();
    const deadline = Date.now() + (ctx ? ctx.info.startToCloseTimeoutMs - 20_000 : 10 * 60_000);
    const names = tenantNames(input.student);
    let base: Partial<KnownTenant> = {};
    const beat = (p: Progress) => {
      if (p.tenantId && p.credentials) base = { tenantId: p.tenantId, credentials: p.credentials };
      reportProgress({ ...p, ...base });
    };
    for (const v of [input.known?.credentials.adminPassword, input.known?.credentials.accessToken, input.known?.credentials.gatewayUserKey]) if (v) deps.redactor.add(v, 'tenant credential');
    const warnings: string[] = [];
    const http = new HttpClient(deps.redactor, input.router);
    // HTTP polls do not heartbeat by themselves; cancellation (lab remove, lab down) arrives only with heartbeats.
    const timer = ctx ? setInterval(heartbeatAgain, 5_000) : undefined;
    try {
      beat({ phase: 'master token' });
      const master = new MasterApi(http, input.masterHost, await masterAccessToken(deps, input.project), (t) => deps.redactor.redact(t));
      const { tenant, credentials } = await resolveTenant(master, input, beat, warnings);
      for (const v of [credentials.adminPassword, credentials.accessToken]) if (v) deps.redactor.add(v, 'tenant credential');
      beat({ phase: 'activate admin', tenantId: tenant.id, credentials });
      const admin = tenant.users.find((u) => u.username === names.username);
      if (admin?.state === 'pending') await master.activate(tenant.id, admin.id);
      await ensureRoute(deps, input.project, { name: names.adminRoute, service: 'system-provider', port: 'http', host: tenant.adminDomain });
      beat({ phase: 'admin portal', tenantId: tenant.id, credentials });
      await waitForPortal(http, tenant.adminDomain, credentials.accessToken ?? '', deadline, pollMs);
      const foreign = await foreignKey(deps, http, input).catch((err: unknown) => {
        warnings.push(`no key of the default tenant to check against: ${(err as Error).message}`);
        return undefined;
      });
      const api = new AdminApi(http, `https://${tenant.adminDomain}`, credentials.accessToken ?? '');
      const proof = await proveEchoApi(deps, api, http, {
        project: input.project,
        ...input.echo,
        production: false,
        routePrefix: names.echoRoutePrefix,
        foreignKeys: foreign ? [foreign] : [],
        deadline,
        pollMs,
        onProgress: (d) => beat({ phase: String(d.phase), ...d }),
      });
      log.info('Tenant provisioned', { student: input.student, tenantId: tenant.id, admin: tenant.adminDomain });
      return {
        tenantId: tenant.id,
        adminUrl: `https://${tenant.adminDomain}`,
        gatewayUrl: proof.stagingGateway,
        credentials: { ...credentials, gatewayUserKey: proof.userKey },
        warnings,
      };
    } catch (err) {
      throw withTenant(err, base);
    } finally {
      if (timer) clearInterval(timer);
      await http.close();
    }
  };
}

/** The failure, carrying the tenant (id and credentials; failure details are encrypted payloads) once one exists. */
function withTenant(err: unknown, known: Partial<KnownTenant>): unknown {
  if (!(err instanceof ApplicationFailure) || !known.tenantId || !known.credentials) return err;
  const details: ProvisionFailureDetails = { ...((err.details?.[0] as object | undefined) ?? {}), tenant: { tenantId: known.tenantId, credentials: known.credentials } };
  return ApplicationFailure.create({ type: err.type ?? undefined, message: err.message, nonRetryable: err.nonRetryable ?? undefined, details: [details], nextRetryDelay: err.nextRetryDelay });
}
