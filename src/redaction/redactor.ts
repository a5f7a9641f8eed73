import { encodedForms } from './encodings.js';
import { isSecretName } from './secret-names.js';
import { marker, redactArgvShapes, redactShapes } from './shape-rules.js';

/** Values shorter than this are not registered: redacting "dev" or "1" everywhere would shred every log line. */
export const MIN_SECRET_LENGTH = 4;
const MAX_DEPTH = 20;
/** Process-wide change counter: a change anywhere in a scope chain raises the chain's highest stamp. */
let changes = 0;

function sanitizeLabel(label: string): string {
  const clean = label.replace(/[^A-Za-z0-9_.:-]+/g, '-').replace(/^-+|-+$/g, '');
  return clean || 'secret';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * Knows every secret value in play and removes them, and anything shaped like a secret, from text and objects.
 * Scoped redactors ({@link Redactor.scope}) also apply everything their parent knows, now and later.
 */
export class Redactor {
  private readonly labels = new Map<string, string>();
  private pattern: RegExp | null = null;
  private builtAt = -1;
  /** Stamp of the last change here, so scoped children notice new values in their parent. */
  private stamp = 0;

  constructor(private readonly parent?: Redactor) {}

  /** Registers `value` (and its base64, URL-encoded and JSON-escaped forms) to be shown as `[redacted:<label>]`. */
  add(value: string | undefined | null, label = 'secret'): this {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return this;
    const clean = sanitizeLabel(label);
    for (const form of encodedForms(value)) {
      if (form.length >= MIN_SECRET_LENGTH && !this.labels.has(form)) this.labels.set(form, clean);
    }
    this.stamp = ++changes;
    return this;
  }

  /** Forgets every value this redactor registered itself (not its parent's). */
  clear(): void {
    this.labels.clear();
    this.stamp = ++changes;
  }

  /** How many forms of secret values this redactor (with its parents) matches. */
  get size(): number {
    return this.labels.size + (this.parent?.size ?? 0);
  }

  /** A child that redacts everything this one does plus what is added to it; adding to it leaves this one alone. */
  scope(): Redactor {
    return new Redactor(this);
  }

  /** `text` with known values replaced by `[redacted:<label>]` (longest first), then secret shapes redacted. */
  redact(text: string): string {
    if (typeof text !== 'string' || text.length < MIN_SECRET_LENGTH) return text;
    const pattern = this.combinedPattern();
    const known = pattern ? text.replace(pattern, (m) => marker(this.labelFor(m))) : text;
    return redactShapes(known);
  }

  /**
   * A copy of `value` with every string redacted: plain objects and arrays are walked, values under secret-named
   * keys (password, token, user_key, authorization…) are replaced whole, and string arrays are treated as argv.
   */
  redactDeep<T>(value: T): T {
    return this.deep(value, 0, new WeakMap()) as T;
  }

  private deep(value: unknown, depth: number, seen: WeakMap<object, unknown>): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
    if (seen.has(value)) return seen.get(value);
    if (Array.isArray(value)) {
      const argvLike = value.every((v) => typeof v === 'string');
      const source: unknown[] = argvLike ? redactArgvShapes(value as string[]) : value;
      const copy: unknown[] = [];
      seen.set(value, copy);
      for (const item of source) copy.push(this.deep(item, depth + 1, seen));
      return copy;
    }
    const isError = value instanceof Error;
    if (!isError && !isPlainObject(value)) return value;
    const copy: Record<string | symbol, unknown> = Object.create(isError ? Object.getPrototypeOf(value) : Object.prototype);
    seen.set(value, copy);
    const keys: (string | symbol)[] = isError ? Reflect.ownKeys(value) : [...Object.keys(value), ...Object.getOwnPropertySymbols(value)];
    for (const key of keys) {
      const v = (value as Record<string | symbol, unknown>)[key];
      if (typeof key === 'string' && isSecretName(key) && (typeof v === 'string' || typeof v === 'number')) {
        copy[key] = marker(sanitizeLabel(key));
      } else if (typeof key === 'string' && /^(?:proxy-)?authorization$/i.test(key) && typeof v === 'string') {
        copy[key] = `${/^(Basic|Bearer|Token|Digest)\s+/i.exec(v)?.[0] ?? ''}${marker('authorization')}`;
      } else {
        copy[key] = this.deep(v, depth + 1, seen);
      }
    }
    // Error.cause and friends are not enumerable on some errors; keep the chain visible but redacted.
    if (isError && 'cause' in value && !keys.includes('cause')) copy.cause = this.deep(value.cause, depth + 1, seen);
    return copy;
  }

  private labelFor(match: string): string {
    return this.labels.get(match) ?? this.parent?.labelFor(match) ?? 'secret';
  }

  private allForms(): string[] {
    return [...this.labels.keys(), ...(this.parent?.allForms() ?? [])];
  }

  // One alternation of every known form, longest first so that a value is never half-replaced by a shorter one
  // it contains; rebuilt lazily, on the first redact() after a change here or in a parent.
  private combinedPattern(): RegExp | null {
    const stamp = this.chainStamp();
    if (this.builtAt !== stamp) {
      const forms = [...new Set(this.allForms())].sort((a, b) => b.length - a.length);
      this.pattern = forms.length ? new RegExp(forms.map(escapeRegExp).join('|'), 'g') : null;
      this.builtAt = stamp;
    }
    return this.pattern;
  }

  private chainStamp(): number {
    return Math.max(this.stamp, this.parent?.chainStamp() ?? 0);
  }
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The process-wide redactor: the execa call site, the HTTP client and the logger all use it. */
export const defaultRedactor = new Redactor();

/** A fresh redactor, scoped under `parent` (default: {@link defaultRedactor}) so it also knows the global values. */
export function createRedactor(parent: Redactor | null = defaultRedactor): Redactor {
  return parent ? parent.scope() : new Redactor();
}
