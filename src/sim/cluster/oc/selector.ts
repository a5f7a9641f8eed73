import { ClientError } from '../api/errors.js';

type Req = { key: string; op: '=' | '!=' | 'exists' | '!exists' | 'in' | 'notin'; values: string[] };

/** Parses an equality/set-based label selector (`a=b,c!=d,e,!f,g in (x,y)`). */
export function parseSelector(raw: string): Req[] {
  const parts = raw.match(/([^,(]+(\([^)]*\))?)/g) ?? [];
  return parts.map((p) => p.trim()).filter(Boolean).map((p): Req => {
    let m = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(p);
    if (m) return { key: m[1], op: m[2] === '!=' ? '!=' : '=', values: [m[3]] };
    m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(p);
    if (m) return { key: m[1], op: m[2] as 'in' | 'notin', values: m[3].split(',').map((v) => v.trim()) };
    if (/^![\w./-]+$/.test(p)) return { key: p.slice(1), op: '!exists', values: [] };
    if (/^[\w./-]+$/.test(p)) return { key: p, op: 'exists', values: [] };
    throw new ClientError(`unable to parse requirement: found '${p}', expected: identifier`);
  });
}

/** True when labels satisfy every requirement. */
export function selectorMatches(reqs: Req[], labels: Record<string, string> | undefined): boolean {
  return reqs.every((r) => {
    const v = labels?.[r.key];
    switch (r.op) {
      case '=':
        return v === r.values[0];
      case '!=':
        return v !== r.values[0];
      case 'exists':
        return v !== undefined;
      case '!exists':
        return v === undefined;
      case 'in':
        return v !== undefined && r.values.includes(v);
      default:
        return v === undefined || !r.values.includes(v);
    }
  });
}
