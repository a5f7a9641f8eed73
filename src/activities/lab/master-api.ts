import { ApplicationFailure } from '@temporalio/common';
import { XMLParser } from 'fast-xml-parser';

import { ErrorType } from '../../shared/errors.js';
import { LabErrorType } from '../../shared/lab-errors.js';
import type { HttpClient, HttpRequest, HttpResponse } from '../lib/http-client.js';

/** A tenant (provider account) as the master API shows it. */
export interface Tenant {
  id: number;
  orgName: string;
  state: string;
  adminDomain: string;
  domain: string;
  users: Array<{ id: number; username: string; state: string; role: string }>;
}

/** What a tenant signup returns: the tenant, and its admin's access token (shown only this once). */
export interface TenantSignup {
  tenant: Tenant;
  accessToken: string;
}

// Values stay strings: a token of digits must not become a (rounded) number.
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (name) => name === 'user' });

type Node = Record<string, unknown>;

function tenantOf(account: Node): Tenant {
  const users = ((account.users as Node | undefined)?.user as Node[] | undefined) ?? [];
  return {
    id: Number(account.id),
    orgName: String(account.org_name ?? ''),
    state: String(account.state ?? ''),
    adminDomain: String(account.admin_domain ?? ''),
    domain: String(account.domain ?? ''),
    users: users.map((u) => ({ id: Number(u.id), username: String(u.username ?? ''), state: String(u.state ?? ''), role: String(u.role ?? '') })),
  };
}

/**
 * The master portal's API of 3scale 2.4 in its XML flavour (peers.md §1.5, §3): tenant signup, lookup, admin
 * activation and deletion. MASTER_ACCESS_TOKEN goes in HTTP Basic auth, never in a URL.
 */
export class MasterApi {
  private readonly auth: string;

  constructor(
    private readonly http: HttpClient,
    private readonly masterHost: string,
    masterToken: string,
    /** Scrubs response text quoted in failures (an error page may echo what it was sent). */
    private readonly redact: (text: string) => string,
  ) {
    this.auth = `Basic ${Buffer.from(`:${masterToken}`).toString('base64')}`;
  }

  private async call(method: HttpRequest['method'], path: string, form?: Record<string, string>): Promise<HttpResponse> {
    const res = await this.http.send({ method, url: `https://${this.masterHost}${path}`, form, headers: { authorization: this.auth, accept: 'application/xml' } });
    const where = `${method} ${path.split('?')[0]}`;
    if (res.status >= 500) throw ApplicationFailure.create({ type: ErrorType.HttpUnavailable, message: `${where}: the master portal answered ${res.status}` });
    if (res.status === 401 || res.status === 403) {
      throw ApplicationFailure.create({
        type: LabErrorType.MasterUnauthorized,
        nonRetryable: true,
        message: `${where}: the master API refused MASTER_ACCESS_TOKEN (${res.status})`,
        details: [{ suggestion: 'the token in the system-app pre-hook must be the master account token (account_management, read-write)' }],
      });
    }
    return res;
  }

  private fail(res: HttpResponse, what: string): ApplicationFailure {
    return ApplicationFailure.create({ type: LabErrorType.TenantApiFailed, nonRetryable: res.status !== 409, message: `${what}: ${res.status} ${this.redact(res.body).slice(0, 300)}` });
  }

  /** The tenant whose users include `username` (master's buyers are the tenants), or undefined. */
  async findByUsername(username: string): Promise<Tenant | undefined> {
    const res = await this.call('GET', `/admin/api/accounts/find.xml?username=${encodeURIComponent(username)}`);
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw this.fail(res, `looking up the tenant of user ${username} failed`);
    return tenantOf((parser.parse(res.body) as { account: Node }).account);
  }

  /** The tenant with this id, or undefined when there is none (or it is scheduled for deletion). */
  async get(id: number): Promise<Tenant | undefined> {
    const res = await this.call('GET', `/master/api/providers/${id}.xml`);
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw this.fail(res, `reading tenant ${id} failed`);
    const tenant = tenantOf((parser.parse(res.body) as { account: Node }).account);
    return tenant.state === 'scheduled_for_deletion' ? undefined : tenant;
  }

  /** `POST /master/api/providers.xml`: NOT idempotent in 2.4 — callers look up first. */
  async create(fields: { orgName: string; username: string; email: string; password: string }): Promise<TenantSignup> {
    const res = await this.call('POST', '/master/api/providers.xml', { org_name: fields.orgName, username: fields.username, email: fields.email, password: fields.password });
    if (res.status !== 201 && res.status !== 200) throw this.fail(res, `creating tenant ${fields.orgName} failed`);
    const signup = (parser.parse(res.body) as { signup: { account: Node; access_token?: { value?: string } } }).signup;
    return { tenant: tenantOf(signup.account), accessToken: String(signup.access_token?.value ?? '') };
  }

  /** Activates a pending user of a tenant; an active one is left alone (2.4 answers 422 to a second activation). */
  async activate(tenantId: number, userId: number): Promise<void> {
    const res = await this.call('PUT', `/admin/api/accounts/${tenantId}/users/${userId}/activate.xml`);
    if (res.status === 200 || res.status === 422) return;
    throw this.fail(res, `activating user ${userId} of tenant ${tenantId} failed`);
  }

  /** Deletes a tenant (2.4 schedules it for deletion); an absent one is fine. */
  async delete(id: number): Promise<'deleted' | 'absent'> {
    const res = await this.call('DELETE', `/master/api/providers/${id}.xml`);
    if (res.status === 404) return 'absent';
    if (res.status !== 200) throw this.fail(res, `deleting tenant ${id} failed`);
    return 'deleted';
  }
}
