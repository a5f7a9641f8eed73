import type { ApiCtx, ApiResult, ApiRoute } from './api-kit.js';
import { id, invalid, notFound, ok, param } from './api-kit.js';
import { hostLabel } from './factory.js';
import type { FieldError } from './format.js';
import { contentType, renderOne } from './format.js';
import { accountDoc, tokenDoc } from './representers.js';
import { signupProvider } from './seed.js';

/** A subdomain not used by any account: 2.4 tenant signup is not idempotent, a repeated org name gets a new tenant. */
function freeSubdomain(c: ApiCtx, orgName: string): string {
  const base = hostLabel(orgName) || 'provider';
  const taken = new Set(c.db.accounts.flatMap((a) => [a.domain, a.adminDomain]));
  const free = (sub: string) => !taken.has(`${sub}.${c.db.superdomain}`) && !taken.has(`${sub}-admin.${c.db.superdomain}`);
  if (free(base)) return base;
  for (let n = 2; ; n++) if (free(`${base}-${n}`)) return `${base}-${n}`;
}

function createProvider(c: ApiCtx): ApiResult {
  const orgName = param(c, 'org_name');
  const username = param(c, 'username');
  const email = param(c, 'email');
  const errors: FieldError[] = [];
  if (!orgName) errors.push({ field: 'org_name', message: "can't be blank" });
  if (!username) errors.push({ field: 'username', message: "can't be blank" });
  if (!email) errors.push({ field: 'email', message: "can't be blank" });
  else if (!/^[^@\s]+@[^@\s]+$/.test(email)) errors.push({ field: 'email', message: 'should look like an email address' });
  if (errors.length > 0) return invalid(c, errors);
  const { account, user } = signupProvider(c, {
    orgName,
    subdomain: freeSubdomain(c, orgName),
    username,
    email,
    password: param(c, 'password'),
    userState: 'pending',
  });
  const token = c.db.tokens.find((t) => t.userId === user.id);
  const accountXml = accountDoc(c.db, account);
  if (c.format === 'json') {
    const body = JSON.stringify({ signup: { account: accountXml.fields, access_token: token ? tokenDoc(token, 'json').fields : null } });
    return { status: 201, body, contentType: contentType('json') };
  }
  const body = renderOne('xml', {
    root: 'signup',
    fields: {},
    xmlExtra: {
      account: { ...accountXml.fields, ...(accountXml.xmlExtra ?? {}) },
      access_token: token ? tokenDoc(token, 'xml').fields : '',
    },
  });
  return { status: 201, body, contentType: contentType('xml') };
}

function findProvider(c: ApiCtx, m: RegExpExecArray) {
  return c.db.accounts.find((a) => a.id === id(m, 1) && a.kind === 'provider' && a.state !== 'scheduled_for_deletion');
}

/** The master API subset labs use: create, show and delete tenants. */
export const masterRoutes: ApiRoute[] = [
  { method: 'POST', pattern: /^\/master\/api\/providers$/, handler: createProvider },
  {
    method: 'GET',
    pattern: /^\/master\/api\/providers\/(\d+)$/,
    handler: (c, m) => {
      const account = findProvider(c, m);
      return account ? ok(c, accountDoc(c.db, account)) : notFound(c);
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/master\/api\/providers\/(\d+)$/,
    handler: (c, m) => {
      const account = findProvider(c, m);
      if (!account) return notFound(c);
      // 2.4 schedules the tenant for deletion: from now on its domains and tokens stop working.
      account.state = 'scheduled_for_deletion';
      account.updatedAt = c.now;
      return { status: 200, body: '', contentType: contentType(c.format) };
    },
  },
];
