import { XMLBuilder } from 'fast-xml-parser';

/** The representation a client asked for with the `.xml` / `.json` suffix. */
export type Format = 'xml' | 'json';

/** One object as porta's representers show it: a root element name and ordered fields. */
export interface Doc {
  root: string;
  fields: Record<string, unknown>;
  /** XML-only attributes of the root element (e.g. `<plan custom="false" default="true">`). */
  attrs?: Record<string, string>;
  /** XML-only extra children (nested lists such as a service's `<metrics>`). */
  xmlExtra?: Record<string, unknown>;
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false, suppressBooleanAttributes: false });
const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>';

function xmlValue(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(xmlValue);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = xmlValue(v);
    return out;
  }
  return String(value);
}

function xmlNode(doc: Doc): Record<string, unknown> {
  const node: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc.attrs ?? {})) node[`@_${k}`] = v;
  Object.assign(node, xmlValue(doc.fields), xmlValue(doc.xmlExtra ?? {}));
  return node;
}

/** XML children for a nested list (`<metrics><metric>…</metric></metrics>`). */
export function xmlList(docs: Doc[]): unknown {
  if (docs.length === 0) return '';
  return { [docs[0].root]: docs.map(xmlNode) };
}

/** One object: `<root>…</root>` or `{"root":{…}}`. */
export function renderOne(format: Format, doc: Doc): string {
  if (format === 'json') return JSON.stringify({ [doc.root]: doc.fields });
  return XML_DECL + builder.build({ [doc.root]: xmlNode(doc) });
}

/** A collection: `<services><service>…</service></services>` or `{"services":[{"service":{…}}]}`. */
export function renderList(format: Format, listRoot: string, docs: Doc[]): string {
  if (format === 'json') return JSON.stringify({ [listRoot]: docs.map((d) => ({ [d.root]: d.fields })) });
  const items = docs.length === 0 ? '' : { [docs[0].root]: docs.map(xmlNode) };
  return XML_DECL + builder.build({ [listRoot]: items });
}

/** A validation failure of one attribute (`field` null for errors on the object as a whole). */
export interface FieldError {
  field: string | null;
  message: string;
}

/** Rails' `humanize`: `system_name` → `System name`. */
function humanize(field: string): string {
  const text = field.replace(/_id$/, '').replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * 422 bodies as porta renders ActiveModel errors: XML full messages
 * (`<errors><error>System name has already been taken</error></errors>`), JSON per attribute
 * (`{"errors":{"system_name":["has already been taken"]}}`).
 */
export function renderErrors(format: Format, errors: FieldError[]): string {
  if (format === 'json') {
    const byField: Record<string, string[]> = {};
    for (const e of errors) (byField[e.field ?? 'base'] ??= []).push(e.message);
    return JSON.stringify({ errors: byField });
  }
  const full = errors.map((e) => (e.field ? `${humanize(e.field)} ${e.message}` : e.message));
  return XML_DECL + builder.build({ errors: { error: full } });
}

/** A single error text: `<error>Access denied</error>` or `{"error":"Access denied"}`. */
export function renderError(format: Format, message: string): string {
  if (format === 'json') return JSON.stringify({ error: message });
  return XML_DECL + builder.build({ error: message });
}

/** The Content-Type Rails sends for a format. */
export function contentType(format: Format): string {
  return format === 'json' ? 'application/json; charset=utf-8' : 'application/xml; charset=utf-8';
}

/** A timestamp as Rails serializes it (`2019-01-29T10:11:12Z`). */
export function railsTime(iso: string): string {
  return iso.replace(/\.\d{3}Z$/, 'Z');
}
