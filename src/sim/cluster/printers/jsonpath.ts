/**
 * The subset of kubectl's JSONPath templates (k8s.io/client-go/util/jsonpath) that scripts use: text, `{.a.b}`,
 * `{.items[*].x}`, `[n]`, `[a:b]`, `[?(@.k=="v")]` filters, `{range …}…{end}`, `{"literal"}`, `{@}`. Written by
 * hand because that template language (range/end, text between actions) is not what JS JSONPath libraries implement.
 */

/** Thrown for a template kubectl would reject or a key missing with allowMissing=false. */
export class JsonPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonPathError';
  }
}

type Node = { kind: 'text'; text: string } | { kind: 'expr'; path: string } | { kind: 'range'; path: string; body: Node[] };

function tokenize(tpl: string): Array<{ text?: string; action?: string }> {
  const out: Array<{ text?: string; action?: string }> = [];
  let i = 0;
  while (i < tpl.length) {
    const open = tpl.indexOf('{', i);
    if (open < 0) {
      out.push({ text: tpl.slice(i) });
      break;
    }
    if (open > i) out.push({ text: tpl.slice(i, open) });
    let depth = 0;
    let j = open;
    let quote: string | undefined;
    for (; j < tpl.length; j++) {
      const ch = tpl[j];
      if (quote) {
        if (ch === '\\') j++;
        else if (ch === quote) quote = undefined;
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '{') depth++;
      else if (ch === '}' && --depth === 0) break;
    }
    if (j >= tpl.length) throw new JsonPathError('unclosed action');
    out.push({ action: tpl.slice(open + 1, j).trim() });
    i = j + 1;
  }
  return out;
}

function parse(tpl: string): Node[] {
  const tokens = tokenize(tpl);
  let pos = 0;
  const block = (inRange: boolean): Node[] => {
    const nodes: Node[] = [];
    while (pos < tokens.length) {
      const t = tokens[pos++];
      if (t.text !== undefined) nodes.push({ kind: 'text', text: t.text });
      else if (t.action === 'end') {
        if (!inRange) throw new JsonPathError('not in range, nothing to end');
        return nodes;
      } else if (t.action!.startsWith('range ')) nodes.push({ kind: 'range', path: t.action!.slice(6).trim(), body: block(true) });
      else if (/^(["']).*\1$/s.test(t.action!)) nodes.push({ kind: 'text', text: unquote(t.action!) });
      else nodes.push({ kind: 'expr', path: t.action! });
    }
    if (inRange) throw new JsonPathError('unclosed range');
    return nodes;
  };
  return block(false);
}

function unquote(s: string): string {
  return s.slice(1, -1).replace(/\\(.)/g, (_, ch: string) => ({ n: '\n', t: '\t', r: '\r' })[ch] ?? ch);
}

function splitSteps(path: string): string[] {
  const steps: string[] = [];
  let cur = '';
  for (let i = 0; i < path.length; i++) {
    const ch = path[i];
    if (ch === '\\' && path[i + 1] === '.') {
      cur += '.';
      i++;
    } else if (ch === '.') {
      if (cur) steps.push(cur);
      cur = '';
    } else if (ch === '[') {
      if (cur) steps.push(cur);
      const close = path.indexOf(']', i);
      steps.push(path.slice(i, close + 1));
      cur = '';
      i = close;
    } else cur += ch;
  }
  if (cur) steps.push(cur);
  return steps;
}

function compare(a: unknown, op: string, b: unknown): boolean {
  const x = typeof b === 'number' ? Number(a) : String(a);
  switch (op) {
    case '==':
      return x === b;
    case '!=':
      return x !== b;
    case '<':
      return (x as number) < (b as number);
    case '>':
      return (x as number) > (b as number);
    case '<=':
      return (x as number) <= (b as number);
    default:
      return (x as number) >= (b as number);
  }
}

function applyStep(values: unknown[], step: string, allowMissing: boolean): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    if (step === '@' || step === '$') out.push(v);
    else if (step.startsWith('[?(')) {
      const m = /^\[\?\(@\.([\w.\\/-]+)\s*(==|!=|<=|>=|<|>)\s*(.+)\)\]$/.exec(step);
      if (!m) throw new JsonPathError(`unrecognized filter ${step}`);
      const lit = /^(["']).*\1$/.test(m[3].trim()) ? unquote(m[3].trim()) : Number(m[3]);
      for (const item of Array.isArray(v) ? v : []) {
        const got = evalPath(item, m[1], true);
        if (got.length && compare(got[0], m[2], lit)) out.push(item);
      }
    } else if (step.startsWith('[')) {
      const inner = step.slice(1, -1);
      if (!Array.isArray(v)) continue;
      if (inner === '*') out.push(...v);
      else if (inner.includes(':')) {
        const [a, b] = inner.split(':').map((n) => (n === '' ? undefined : Number(n)));
        out.push(...v.slice(a ?? 0, b ?? v.length));
      } else {
        const n = Number(inner);
        const idx = n < 0 ? v.length + n : n;
        if (idx >= 0 && idx < v.length) out.push(v[idx]);
        else if (!allowMissing) throw new JsonPathError(`array index out of bounds: index ${n}, length ${v.length}`);
      }
    } else if (step === '*') {
      if (v && typeof v === 'object') out.push(...Object.values(v as object));
    } else if (v && typeof v === 'object' && !Array.isArray(v) && step in (v as object)) {
      out.push((v as Record<string, unknown>)[step]);
    } else if (!allowMissing) throw new JsonPathError(`${step} is not found`);
  }
  return out;
}

function evalPath(root: unknown, path: string, allowMissing: boolean): unknown[] {
  const p = path.trim();
  let values = [root];
  for (const step of splitSteps(p.replace(/^\$/, ''))) values = applyStep(values, step, allowMissing);
  return values;
}

/** Go's fmt.Print of a decoded JSON value (maps as `map[k:v]`, slices as `[a b]`). */
export function goPrint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goPrint).join(' ')}]`;
  if (typeof v === 'object') return `map[${Object.keys(v).sort().map((k) => `${k}:${goPrint((v as Record<string, unknown>)[k])}`).join(' ')}]`;
  return String(v);
}

/** Renders a JSONPath template against `data` (no trailing newline, as kubectl). */
export function renderJsonPath(template: string, data: unknown, allowMissing = true): string {
  const nodes = parse(template);
  const run = (list: Node[], cur: unknown): string => {
    let out = '';
    for (const n of list) {
      if (n.kind === 'text') out += n.text;
      else if (n.kind === 'expr') out += evalPath(n.path.startsWith('$') ? data : cur, n.path, allowMissing).map(goPrint).join(' ');
      else for (const item of evalPath(cur, n.path, allowMissing)) out += run(n.body, item);
    }
    return out;
  };
  return run(nodes, data);
}
