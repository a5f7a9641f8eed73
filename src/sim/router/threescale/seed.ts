import type { ClusterView } from '../../contracts.js';
import type { Ctx } from './factory.js';
import { createAccount, createApplication, createPlan, createService, createToken, createUser } from './factory.js';
import type { Account, SystemDb, User } from './model.js';

/** What 2.4's `rake openshift:deploy` seeds from (secret system-seed, ConfigMap system-environment, the pre-hook). */
export interface SeedInput {
  project: string;
  uid: string;
  superdomain: string;
  masterDomain: string;
  masterUser: string;
  masterPassword: string;
  masterAccessToken: string;
  tenantName: string;
  adminUser: string;
  adminPassword: string;
  adminAccessToken: string;
  /** 2.6+ templates have ADMIN_EMAIL; 2.4 derives one. */
  adminEmail?: string;
}

/** A Secret's or ConfigMap's string values (Secret `data` is base64; `stringData` as a template may carry it). */
function objectData(obj: Record<string, unknown> | undefined, base64: boolean): Record<string, string> | undefined {
  if (!obj) return undefined;
  const out: Record<string, string> = {};
  const stringData = obj.stringData as Record<string, string> | undefined;
  for (const [k, v] of Object.entries(stringData ?? {})) out[k] = String(v ?? '');
  const data = obj.data as Record<string, string> | undefined;
  for (const [k, v] of Object.entries(data ?? {})) {
    out[k] = base64 ? Buffer.from(String(v ?? ''), 'base64').toString('utf8') : String(v ?? '');
  }
  return out;
}

/**
 * 2.4 keeps MASTER_ACCESS_TOKEN only in the system-app pre-hook command line
 * (`rake boot openshift:deploy MASTER_ACCESS_TOKEN="…"`); later templates put it in system-seed.
 */
function masterTokenFromHook(dc: Record<string, unknown> | undefined): string | undefined {
  const strategy = (dc?.spec as { strategy?: Record<string, { pre?: { execNewPod?: { command?: string[] } } }> } | undefined)?.strategy;
  for (const params of [strategy?.rollingParams, strategy?.recreateParams]) {
    const command = params?.pre?.execNewPod?.command?.join(' ') ?? '';
    const match = /MASTER_ACCESS_TOKEN="([^"]*)"/.exec(command);
    if (match) return match[1];
  }
  return undefined;
}

/** Reads the seed values of an install from the cluster, or undefined while they are not all there. */
export function readSeedInput(view: ClusterView, project: string, uid: string): SeedInput | undefined {
  const seed = objectData(view.getObject(project, 'Secret', 'system-seed'), true);
  const env = objectData(view.getObject(project, 'ConfigMap', 'system-environment'), false);
  if (!seed || !env?.THREESCALE_SUPERDOMAIN) return undefined;
  const masterAccessToken = masterTokenFromHook(view.getObject(project, 'DeploymentConfig', 'system-app')) ?? seed.MASTER_ACCESS_TOKEN ?? '';
  return {
    project,
    uid,
    superdomain: env.THREESCALE_SUPERDOMAIN,
    masterDomain: seed.MASTER_DOMAIN || 'master',
    masterUser: seed.MASTER_USER || 'master',
    masterPassword: seed.MASTER_PASSWORD ?? '',
    masterAccessToken,
    tenantName: seed.TENANT_NAME || '3scale',
    adminUser: seed.ADMIN_USER || 'admin',
    adminPassword: seed.ADMIN_PASSWORD ?? '',
    adminAccessToken: seed.ADMIN_ACCESS_TOKEN ?? '',
    adminEmail: seed.ADMIN_EMAIL || undefined,
  };
}

/** Fields of a provider signup (the default tenant or `POST /master/api/providers`). */
export interface ProviderSignup {
  orgName: string;
  subdomain: string;
  username: string;
  email: string;
  password: string;
  userState: User['state'];
  accessToken?: string;
}

/**
 * Creates a provider (tenant) with its admin user, an access token and 2.4's sample data
 * (porta `Logic::ProviderSignup` SampleData): service "API", plans Basic (default) and Unlimited,
 * developer "Developer" with user john and an application on Basic.
 */
export function signupProvider(ctx: Ctx, input: ProviderSignup): { account: Account; user: User; token: string } {
  const { superdomain } = ctx.db;
  const account = createAccount(ctx, {
    providerId: ctx.db.masterAccountId,
    kind: 'provider',
    orgName: input.orgName,
    domain: `${input.subdomain}.${superdomain}`,
    adminDomain: `${input.subdomain}-admin.${superdomain}`,
    state: 'approved',
  });
  const user = createUser(ctx, {
    accountId: account.id,
    username: input.username,
    email: input.email,
    role: 'admin',
    state: input.userState,
    password: input.password,
  });
  const token = createToken(ctx, user.id, 'Administration', input.accessToken || undefined);
  const service = createService(ctx, account.id, { name: 'API', systemName: 'api' });
  const basic = createPlan(ctx, { serviceId: service.id, name: 'Basic', systemName: 'basic', state: 'published', isDefault: true });
  createPlan(ctx, { serviceId: service.id, name: 'Unlimited', systemName: 'unlimited', state: 'published', isDefault: false });
  const developer = createAccount(ctx, { providerId: account.id, kind: 'buyer', orgName: 'Developer', state: 'approved' });
  const [local, domain] = input.email.includes('@') ? input.email.split('@') : [input.username, `${input.subdomain}.${superdomain}`];
  createUser(ctx, {
    accountId: developer.id,
    username: 'john',
    email: `${local}+test@${domain}`,
    role: 'admin',
    state: 'active',
    password: '123456',
  });
  createApplication(ctx, { accountId: developer.id, plan: basic, name: "Developer's App", description: 'Default application created on signup.' });
  return { account, user, token: token.value };
}

/** A fresh database seeded like 2.4's `openshift:deploy`: master account + the default tenant. */
export function seedSystemDb(input: SeedInput, now: string): SystemDb {
  const db: SystemDb = {
    schema: 1,
    project: input.project,
    projectUid: input.uid,
    superdomain: input.superdomain,
    masterAccountId: 0,
    nextIds: {} as SystemDb['nextIds'],
    accounts: [],
    users: [],
    tokens: [],
    services: [],
    metrics: [],
    mappingRules: [],
    plans: [],
    applications: [],
    proxyConfigs: [],
  };
  const ctx: Ctx = { db, now };
  const masterHost = `${input.masterDomain}.${input.superdomain}`;
  const master = createAccount(ctx, {
    providerId: null,
    kind: 'master',
    orgName: 'Master Account',
    domain: masterHost,
    adminDomain: masterHost,
    state: 'approved',
  });
  db.masterAccountId = master.id;
  const masterUser = createUser(ctx, {
    accountId: master.id,
    username: input.masterUser,
    email: `${input.masterUser}@${masterHost}`,
    role: 'admin',
    state: 'active',
    password: input.masterPassword,
  });
  if (input.masterAccessToken) createToken(ctx, masterUser.id, 'Master Token', input.masterAccessToken);
  const tenant = signupProvider(ctx, {
    orgName: input.tenantName,
    subdomain: input.tenantName,
    username: input.adminUser,
    email: input.adminEmail ?? `${input.adminUser}@${input.tenantName}.${input.superdomain}`,
    password: input.adminPassword,
    userState: 'active',
  });
  // The template's ADMIN_ACCESS_TOKEN replaces the generated one (it is optional: without it the tenant has none).
  db.tokens = db.tokens.filter((t) => t.userId !== tenant.user.id);
  if (input.adminAccessToken) createToken(ctx, tenant.user.id, 'Administration', input.adminAccessToken);
  return db;
}
