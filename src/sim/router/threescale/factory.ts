import { randomBytes } from 'node:crypto';

import type { Account, AccessToken, Application, MappingRule, Metric, Plan, Proxy, Service, SystemDb, User } from './model.js';
import { nextId } from './model.js';

/** A database plus the (simulated) time stamp to give new rows. */
export interface Ctx {
  db: SystemDb;
  now: string;
}

/** Random lower-case hex of `bytes` bytes (Ruby's SecureRandom.hex). */
export function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/**
 * The host part porta puts in generated gateway endpoints: hostnames cannot hold `_`, so a system_name
 * like `echo_api` becomes `echo-api` (what an OpenShift route host must look like anyway).
 */
export function hostLabel(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
}

/** Inserts an account. */
export function createAccount(ctx: Ctx, fields: Omit<Account, 'id' | 'createdAt' | 'updatedAt'>): Account {
  const account: Account = { id: nextId(ctx.db, 'accounts'), ...fields, createdAt: ctx.now, updatedAt: ctx.now };
  ctx.db.accounts.push(account);
  return account;
}

/** Inserts a user. */
export function createUser(ctx: Ctx, fields: Omit<User, 'id' | 'createdAt' | 'updatedAt'>): User {
  const user: User = { id: nextId(ctx.db, 'users'), ...fields, createdAt: ctx.now, updatedAt: ctx.now };
  ctx.db.users.push(user);
  return user;
}

/** Inserts an account_management read-write access token (a generated value unless given). */
export function createToken(ctx: Ctx, userId: number, name: string, value: string = hex(32)): AccessToken {
  const token: AccessToken = {
    id: nextId(ctx.db, 'tokens'),
    userId,
    name,
    scopes: ['account_management'],
    permission: 'rw',
    value,
  };
  ctx.db.tokens.push(token);
  return token;
}

/** The provider that owns a service's gateway endpoints: its subdomain names the default endpoints. */
function providerSubdomain(ctx: Ctx, accountId: number): string {
  const account = ctx.db.accounts.find((a) => a.id === accountId);
  const domain = account?.domain ?? '';
  const suffix = `.${ctx.db.superdomain}`;
  return domain.endsWith(suffix) ? domain.slice(0, -suffix.length) : hostLabel(account?.orgName ?? 'provider');
}

/** The 2.4 defaults of a new proxy (porta db/schema.rb proxies defaults + config/sandbox_proxy.yml). */
function defaultProxy(ctx: Ctx, accountId: number, systemName: string): Proxy {
  const tenant = providerSubdomain(ctx, accountId);
  const label = hostLabel(systemName);
  return {
    id: nextId(ctx.db, 'proxies'),
    endpoint: `https://${label}-${tenant}-apicast-production.${ctx.db.superdomain}:443`,
    sandboxEndpoint: `https://${label}-${tenant}-apicast-staging.${ctx.db.superdomain}:443`,
    apiBackend: 'https://echo-api.3scale.net:443',
    credentialsLocation: 'query',
    authAppKey: 'app_key',
    authAppId: 'app_id',
    authUserKey: 'user_key',
    errorAuthFailed: 'Authentication failed',
    errorAuthMissing: 'Authentication parameters missing',
    errorStatusAuthFailed: 403,
    errorHeadersAuthFailed: 'text/plain; charset=us-ascii',
    errorStatusAuthMissing: 403,
    errorHeadersAuthMissing: 'text/plain; charset=us-ascii',
    errorNoMatch: 'No Mapping Rule matched',
    errorStatusNoMatch: 404,
    errorHeadersNoMatch: 'text/plain; charset=us-ascii',
    secretToken: `Shared_secret_sent_from_proxy_to_API_backend_${hex(8)}`,
    hostnameRewrite: '',
    apiTestPath: '/',
    lockVersion: 0,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
}

/** Fields a caller may give a new service. */
export interface NewService {
  name: string;
  systemName: string;
  description?: string;
  backendVersion?: string;
  deploymentOption?: string;
}

/** Inserts a service the way 2.4 does: with its `hits` metric, a default proxy and the `GET /` mapping rule. */
export function createService(ctx: Ctx, accountId: number, fields: NewService): Service {
  const id = nextId(ctx.db, 'services');
  const service: Service = {
    id,
    accountId,
    name: fields.name,
    systemName: fields.systemName,
    description: fields.description ?? '',
    state: 'incomplete',
    backendVersion: fields.backendVersion ?? '1',
    deploymentOption: fields.deploymentOption ?? 'hosted',
    serviceToken: hex(32),
    proxy: defaultProxy(ctx, accountId, fields.systemName),
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  ctx.db.services.push(service);
  const hits: Metric = {
    id: nextId(ctx.db, 'metrics'),
    serviceId: id,
    systemName: 'hits',
    friendlyName: 'Hits',
    unit: 'hit',
    description: 'Number of API hits',
  };
  ctx.db.metrics.push(hits);
  createMappingRule(ctx, id, { metricId: hits.id, pattern: '/', httpMethod: 'GET', delta: 1 });
  return service;
}

/** Inserts a mapping rule at the end of the service's list. */
export function createMappingRule(
  ctx: Ctx,
  serviceId: number,
  fields: Pick<MappingRule, 'metricId' | 'pattern' | 'httpMethod' | 'delta'>,
): MappingRule {
  const position = ctx.db.mappingRules.filter((r) => r.serviceId === serviceId).length + 1;
  const rule: MappingRule = {
    id: nextId(ctx.db, 'mappingRules'),
    serviceId,
    ...fields,
    position,
    last: false,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  ctx.db.mappingRules.push(rule);
  return rule;
}

/** Inserts an application plan. */
export function createPlan(ctx: Ctx, fields: Omit<Plan, 'id' | 'createdAt' | 'updatedAt' | 'approvalRequired'>): Plan {
  const plan: Plan = { id: nextId(ctx.db, 'plans'), ...fields, approvalRequired: false, createdAt: ctx.now, updatedAt: ctx.now };
  ctx.db.plans.push(plan);
  return plan;
}

/** Inserts a live application with a generated user_key (unless one is given). */
export function createApplication(
  ctx: Ctx,
  fields: { accountId: number; plan: Plan; name: string; description: string; userKey?: string },
): Application {
  const app: Application = {
    id: nextId(ctx.db, 'applications'),
    accountId: fields.accountId,
    serviceId: fields.plan.serviceId,
    planId: fields.plan.id,
    name: fields.name,
    description: fields.description,
    state: 'live',
    userKey: fields.userKey ?? hex(16),
    providerVerificationKey: hex(16),
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  ctx.db.applications.push(app);
  return app;
}
