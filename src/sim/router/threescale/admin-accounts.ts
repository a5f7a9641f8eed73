import type { ApiCtx, ApiResult, ApiRoute } from './api-kit.js';
import { id, invalid, notFound, ok, okList, param } from './api-kit.js';
import { createAccount, createApplication, createUser } from './factory.js';
import type { FieldError } from './format.js';
import { contentType, renderErrors } from './format.js';
import type { Account } from './model.js';
import { accountDoc, applicationDoc, userDoc } from './representers.js';

/** Accounts the current provider owns (developers; for master: its tenants). */
function buyers(c: ApiCtx): Account[] {
  return c.db.accounts.filter((a) => a.providerId === c.provider.id && a.state !== 'scheduled_for_deletion');
}

function findBuyer(c: ApiCtx, accountId: number): Account | undefined {
  return buyers(c).find((a) => a.id === accountId);
}

function findAccount(c: ApiCtx): ApiResult {
  const username = param(c, 'username');
  const email = param(c, 'email');
  const userId = Number(param(c, 'user_id'));
  const ids = new Set(buyers(c).map((a) => a.id));
  const user = c.db.users.find(
    (u) => ids.has(u.accountId) && ((username && u.username === username) || (email && u.email === email) || (userId && u.id === userId)),
  );
  const account = user && c.db.accounts.find((a) => a.id === user.accountId);
  return account ? ok(c, accountDoc(c.db, account)) : notFound(c);
}

function signup(c: ApiCtx): ApiResult {
  const orgName = param(c, 'org_name');
  const username = param(c, 'username');
  const email = param(c, 'email');
  const password = param(c, 'password');
  const errors: FieldError[] = [];
  if (!orgName) errors.push({ field: 'org_name', message: "can't be blank" });
  const ids = new Set(c.db.accounts.filter((a) => a.providerId === c.provider.id).map((a) => a.id));
  const users = c.db.users.filter((u) => ids.has(u.accountId));
  if (!username) errors.push({ field: 'username', message: "can't be blank" });
  else if (users.some((u) => u.username === username)) errors.push({ field: 'username', message: 'has already been taken' });
  if (!email) errors.push({ field: 'email', message: "can't be blank" });
  else if (!/^[^@\s]+@[^@\s]+$/.test(email)) errors.push({ field: 'email', message: 'should look like an email address' });
  else if (users.some((u) => u.email === email)) errors.push({ field: 'email', message: 'has already been taken' });
  if (errors.length > 0) return invalid(c, errors);
  const account = createAccount(c, { providerId: c.provider.id, kind: 'buyer', orgName, state: 'approved' });
  createUser(c, { accountId: account.id, username, email, role: 'admin', state: password ? 'active' : 'pending', password });
  return ok(c, accountDoc(c.db, account), 201);
}

function activateUser(c: ApiCtx, m: RegExpExecArray): ApiResult {
  const account = findBuyer(c, id(m, 1));
  const user = account && c.db.users.find((u) => u.id === id(m, 2) && u.accountId === account.id);
  if (!user) return notFound(c);
  if (user.state !== 'pending') {
    // StateMachines::InvalidTransition rendered by porta's error responder.
    return { status: 422, body: renderErrors(c.format, [{ field: null, message: 'State cannot transition via "activate"' }]), contentType: contentType(c.format) };
  }
  user.state = 'active';
  user.updatedAt = c.now;
  return ok(c, userDoc(user));
}

function providerApplications(c: ApiCtx) {
  const services = new Set(c.db.services.filter((s) => s.accountId === c.provider.id).map((s) => s.id));
  return c.db.applications.filter((a) => services.has(a.serviceId));
}

function findApplication(c: ApiCtx): ApiResult {
  const userKey = param(c, 'user_key');
  const appId = Number(param(c, 'application_id') || param(c, 'app_id'));
  const app = providerApplications(c).find((a) => (userKey && a.userKey === userKey) || (appId && a.id === appId));
  return app ? ok(c, applicationDoc(c.db, app, c.format)) : notFound(c);
}

function createApplicationRoute(c: ApiCtx, m: RegExpExecArray): ApiResult {
  const account = findBuyer(c, id(m, 1));
  if (!account) return notFound(c);
  const services = new Set(c.db.services.filter((s) => s.accountId === c.provider.id).map((s) => s.id));
  const plan = c.db.plans.find((p) => p.id === Number(param(c, 'plan_id')) && services.has(p.serviceId));
  if (!plan) return notFound(c);
  const errors: FieldError[] = [];
  if (!param(c, 'name')) errors.push({ field: 'name', message: "can't be blank" });
  if (!param(c, 'description')) errors.push({ field: 'description', message: "can't be blank" });
  const userKey = param(c, 'user_key') || undefined;
  if (userKey && c.db.applications.some((a) => a.serviceId === plan.serviceId && a.userKey === userKey)) {
    errors.push({ field: 'user_key', message: 'has already been taken' });
  }
  if (errors.length > 0) return invalid(c, errors);
  const app = createApplication(c, { accountId: account.id, plan, name: param(c, 'name'), description: param(c, 'description'), userKey });
  return ok(c, applicationDoc(c.db, app, c.format), 201);
}

/** Accounts, signup, user activation and applications of the Account Management API. */
export const accountRoutes: ApiRoute[] = [
  { method: 'GET', pattern: /^\/admin\/api\/accounts\/find$/, handler: findAccount },
  {
    method: 'GET',
    pattern: /^\/admin\/api\/accounts\/(\d+)$/,
    handler: (c, m) => {
      const account = findBuyer(c, id(m, 1));
      return account ? ok(c, accountDoc(c.db, account)) : notFound(c);
    },
  },
  { method: 'POST', pattern: /^\/admin\/api\/signup$/, handler: signup },
  { method: 'PUT', pattern: /^\/admin\/api\/accounts\/(\d+)\/users\/(\d+)\/activate$/, handler: activateUser },
  { method: 'GET', pattern: /^\/admin\/api\/applications$/, handler: (c) => okList(c, 'applications', providerApplications(c).map((a) => applicationDoc(c.db, a, c.format))) },
  { method: 'GET', pattern: /^\/admin\/api\/applications\/find$/, handler: findApplication },
  {
    method: 'GET',
    pattern: /^\/admin\/api\/accounts\/(\d+)\/applications$/,
    handler: (c, m) => {
      const account = findBuyer(c, id(m, 1));
      if (!account) return notFound(c);
      return okList(c, 'applications', c.db.applications.filter((a) => a.accountId === account.id).map((a) => applicationDoc(c.db, a, c.format)));
    },
  },
  { method: 'POST', pattern: /^\/admin\/api\/accounts\/(\d+)\/applications$/, handler: createApplicationRoute },
];
