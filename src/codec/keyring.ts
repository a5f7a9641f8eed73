import { inspect } from 'node:util';

import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

import { KeyringError } from './errors.js';

/** The id a bare base64 key (no `<id>:` prefix) gets. */
export const DEFAULT_KEY_ID = 'default';
/** AES-256: every key is exactly this many bytes. */
export const KEY_BYTES = 32;

/** One key as written in a keyring file or env var: base64 material, not yet decoded. */
export interface RawKeyEntry {
  id: string;
  key: string;
  created?: string;
}

/** One decoded key. */
export interface KeyEntry {
  id: string;
  key: Uint8Array;
  created?: Date;
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ID_RULE = 'must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit';

/** What is wrong with base64 key material, or undefined when it is 32 bytes of base64. Never quotes the material. */
export function keyMaterialProblem(material: string): string | undefined {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(material)) return 'is not base64 (expected base64 of 32 random bytes)';
  const bytes = Buffer.from(material, 'base64').length;
  return bytes === KEY_BYTES ? undefined : `must be base64 of ${KEY_BYTES} bytes (AES-256), got ${bytes} bytes`;
}

const KeyringDocument = z.strictObject({
  keys: z
    .array(
      z.strictObject({
        id: z.string().regex(ID_PATTERN, ID_RULE),
        key: z.string().superRefine((s, ctx) => {
          const problem = keyMaterialProblem(s.trim());
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        }),
        created: z
          .union([z.string(), z.date()])
          .optional()
          .refine((v) => v === undefined || !Number.isNaN(new Date(v).getTime()), 'is not a date (use ISO 8601)'),
      }),
    )
    .min(1, 'must list at least one key'),
});

/**
 * Parses one key line, `<id>:<base64 of 32 bytes>` or bare base64 (id `default`), from `source`
 * (`AMP_CODEC_KEY`, a file); throws {@link KeyringError} naming what is wrong but never echoing the material.
 */
export function parseKeyLine(line: string, source: string): RawKeyEntry {
  const text = line.trim();
  const colon = text.indexOf(':');
  const id = colon >= 0 ? text.slice(0, colon) : DEFAULT_KEY_ID;
  const key = colon >= 0 ? text.slice(colon + 1) : text;
  // Don't echo a malformed id: it may be key material pasted in the wrong place.
  if (!ID_PATTERN.test(id)) throw new KeyringError(source, [`the key id before ":" ${ID_RULE}`]);
  const problem = keyMaterialProblem(key);
  if (problem) throw new KeyringError(source, [`key "${id}" ${problem}`]);
  return { id, key };
}

function issueLocation(path: PropertyKey[], doc: unknown): string {
  let where = '';
  for (const [i, part] of path.entries()) {
    where += typeof part === 'number' ? `[${part}]` : `${where ? '.' : ''}${String(part)}`;
    if (i === 1 && path[0] === 'keys' && typeof part === 'number') {
      const id = (doc as { keys?: { id?: unknown }[] }).keys?.[part]?.id;
      if (typeof id === 'string' && ID_PATTERN.test(id)) where += ` (id "${id}")`;
    }
  }
  return where || '(top level)';
}

/**
 * Parses a keyring file's text: either one key line or a YAML/JSON document `{ keys: [{ id, key, created? }] }`.
 * Problems come back as one {@link KeyringError} listing each location (`keys[1] (id "k2").key: …`).
 */
export function parseKeyringText(text: string, source: string): RawKeyEntry[] {
  const trimmed = text.trim();
  if (!trimmed) throw new KeyringError(source, ['is empty (expected a key line or a `keys:` list)']);
  if (!/\s/.test(trimmed) && !trimmed.startsWith('{')) return [parseKeyLine(trimmed, source)];
  let doc: unknown;
  try {
    // YAML is a superset of JSON, so one parser reads both.
    doc = parseYaml(trimmed);
  } catch (err) {
    // The parser's own message quotes the offending line, which may hold a key: report only the position.
    const pos = (err as { linePos?: { line: number; col: number }[] }).linePos?.[0];
    throw new KeyringError(source, [`is not valid YAML/JSON${pos ? ` (line ${pos.line}, column ${pos.col})` : ''}`]);
  }
  const parsed = KeyringDocument.safeParse(doc);
  if (!parsed.success) {
    throw new KeyringError(source, parsed.error.issues.map((i) => `${issueLocation(i.path, doc)}: ${i.message}`));
  }
  const entries = parsed.data.keys.map((k) => ({
    id: k.id,
    key: k.key.trim(),
    ...(k.created !== undefined ? { created: new Date(k.created).toISOString() } : {}),
  }));
  const dupes = [...new Set(entries.map((e) => e.id).filter((id, i, ids) => ids.indexOf(id) !== i))];
  if (dupes.length) throw new KeyringError(source, dupes.map((id) => `keys: id "${id}" appears more than once`));
  return entries;
}

/**
 * The keys a process can decrypt with, and the one it encrypts with: the newest (latest `created`, else the last
 * listed) among those whose `created` is not in the future. A future-dated key is staged: it decrypts at once and
 * starts encrypting at its date, so a rotation can reach every process before any of them uses the new key.
 * Key material is kept out of `JSON.stringify`, `console.log` and error messages.
 */
export class Keyring {
  readonly #keys: ReadonlyMap<string, Uint8Array>;
  readonly #entries: readonly { id: string; created?: number }[];

  constructor(
    entries: readonly KeyEntry[],
    /** Where the keys came from, for messages: `AMP_CODEC_KEY`, `AMP_CODEC_KEY_FILE=/path`. */
    readonly source: string,
  ) {
    if (!entries.length) throw new KeyringError(source, ['holds no keys']);
    this.#keys = new Map(entries.map((e) => [e.id, e.key]));
    this.#entries = entries.map((e) => ({ id: e.id, created: e.created?.getTime() }));
    this.activeIdAt(Date.now()); // fail now, not at the first encode, when every key is future-dated
  }

  /** Builds a keyring from raw (base64) entries. */
  static fromRaw(entries: readonly RawKeyEntry[], source: string): Keyring {
    return new Keyring(
      entries.map((e) => ({
        id: e.id,
        key: new Uint8Array(Buffer.from(e.key, 'base64')),
        ...(e.created ? { created: new Date(e.created) } : {}),
      })),
      source,
    );
  }

  /** Id of the key new payloads are encrypted with now. */
  get activeId(): string {
    return this.activeIdAt(Date.now());
  }

  /** Id of the key that encrypts at time `now` (ms since the epoch). */
  activeIdAt(now: number): string {
    // Undated keys rank before dated ones; ties keep list order, so "last listed" decides between equals.
    let best: { id: string; rank: number } | undefined;
    for (const e of this.#entries) {
      const rank = e.created ?? Number.NEGATIVE_INFINITY;
      if (rank <= now && (!best || rank >= best.rank)) best = { id: e.id, rank };
    }
    if (!best) {
      throw new KeyringError(this.source, ['every key has a `created` date in the future; nothing can encrypt yet']);
    }
    return best.id;
  }

  /** Every key id, in the order given. */
  get ids(): string[] {
    return [...this.#keys.keys()];
  }

  /** Whether this keyring holds `id`. */
  has(id: string): boolean {
    return this.#keys.has(id);
  }

  /** The raw key bytes of `id` (for the codec only). */
  material(id: string): Uint8Array | undefined {
    return this.#keys.get(id);
  }

  toJSON(): { source: string; ids: string[]; activeId: string } {
    return { source: this.source, ids: this.ids, activeId: this.activeId };
  }

  [inspect.custom](): string {
    return `Keyring ${inspect(this.toJSON())}`;
  }
}
