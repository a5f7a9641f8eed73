import type { Ctx } from './factory.js';
import type { Doc, FieldError, Format } from './format.js';
import { contentType, renderError, renderErrors, renderList, renderOne } from './format.js';
import type { AccessToken, Account, SystemDb, User } from './model.js';

/** Everything an Account Management API handler needs. */
export interface ApiCtx extends Ctx {
  db: SystemDb;
  /** The account whose admin domain was called (a provider, or master for its tenants). */
  provider: Account;
  user: User;
  token: AccessToken;
  params: Map<string, string>;
  format: Format;
  method: string;
}

/** What a handler answers. */
export interface ApiResult {
  status: number;
  body: string;
  contentType?: string;
}

/** A handler of one route; `m` holds the path's captured ids. */
export type ApiHandler = (c: ApiCtx, m: RegExpExecArray) => ApiResult;

/** One route of the API: method, path pattern (without format suffix), handler; `write` needs a rw token. */
export interface ApiRoute {
  method: string;
  pattern: RegExp;
  handler: ApiHandler;
  /** Proxy config endpoints exist only as JSON in porta (XML → 406). */
  jsonOnly?: boolean;
}

/** A 200/201 with one object. */
export function ok(c: ApiCtx, doc: Doc, status = 200): ApiResult {
  return { status, body: renderOne(c.format, doc), contentType: contentType(c.format) };
}

/** A 200 with a collection. */
export function okList(c: ApiCtx, listRoot: string, docs: Doc[]): ApiResult {
  return { status: 200, body: renderList(c.format, listRoot, docs), contentType: contentType(c.format) };
}

/** A 422 with ActiveModel-style errors. */
export function invalid(c: ApiCtx, errors: FieldError[]): ApiResult {
  return { status: 422, body: renderErrors(c.format, errors), contentType: contentType(c.format) };
}

/** porta's answer for an unknown record (ActiveRecord::RecordNotFound). */
export function notFound(c: { format: Format }): ApiResult {
  const body = c.format === 'json' ? JSON.stringify({ status: 'Not found' }) : renderError('xml', 'Not found');
  return { status: 404, body, contentType: contentType(c.format) };
}

/** A single `error` message with a status. */
export function errorResult(format: Format, status: number, message: string): ApiResult {
  return { status, body: renderError(format, message), contentType: contentType(format) };
}

/** The trimmed value of a parameter ('' when absent). */
export function param(c: ApiCtx, name: string): string {
  return (c.params.get(name) ?? '').trim();
}

/** Whether a parameter was sent at all. */
export function has(c: ApiCtx, name: string): boolean {
  return c.params.has(name);
}

/** Rails' `parameterize` with `_` separators, used to derive system names from names. */
export function systemNameFrom(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '_')
    .replace(/-/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
}

/** A positive integer path id. */
export function id(m: RegExpExecArray, index: number): number {
  return Number(m[index]);
}
