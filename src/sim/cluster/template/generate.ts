import { randomInt } from 'node:crypto';

/** Thrown for an expression the generator cannot expand. */
export class GeneratorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GeneratorError';
  }
}

const CLASSES: Record<string, string> = {
  w: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_',
  d: '0123456789',
  a: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  A: '~!@#$%^&*()-_+={}[]\\|<,>.?/"\';:`',
};

function expandRange(body: string): string {
  let chars = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && CLASSES[body[i + 1]]) {
      chars += CLASSES[body[i + 1]];
      i++;
    } else if (body[i + 1] === '-' && i + 2 < body.length) {
      const from = body.charCodeAt(i);
      const to = body.charCodeAt(i + 2);
      if (to < from) throw new GeneratorError(`invalid range specified: ${body[i]}-${body[i + 2]}`);
      for (let c = from; c <= to; c++) chars += String.fromCharCode(c);
      i += 2;
    } else chars += body[i];
  }
  return chars;
}

/**
 * Expands an OpenShift template `generate: expression` value (origin pkg/template/generator: character classes and
 * ranges with `{n}` counts, e.g. `[a-z0-9]{8}`, `[a-f0-9]{128}`, `\w{10}`), with a cryptographic random source.
 */
export function generateExpression(expr: string): string {
  let out = '';
  let i = 0;
  while (i < expr.length) {
    let pool: string;
    if (expr[i] === '[') {
      const close = expr.indexOf(']', i);
      if (close < 0) throw new GeneratorError(`malformed expression: ${expr}`);
      pool = expandRange(expr.slice(i + 1, close));
      i = close + 1;
    } else if (expr[i] === '\\' && CLASSES[expr[i + 1]]) {
      pool = CLASSES[expr[i + 1]];
      i += 2;
    } else {
      pool = expr[i];
      i += 1;
    }
    let count = 1;
    const m = /^\{(\d+)\}/.exec(expr.slice(i));
    if (m) {
      count = Number(m[1]);
      i += m[0].length;
    }
    for (let k = 0; k < count; k++) out += pool.length === 1 && !m ? pool : pool[randomInt(pool.length)];
  }
  return out;
}
