import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** One line of `$AMP_SIM_HOME/journal.jsonl`. */
export type JournalEntry =
  | { t: string; kind: 'cli'; cli: 'oc' | 'minishift'; argv: string[]; exit: number; ms: number; profile?: string }
  | { t: string; kind: 'http'; method: string; host: string; path: string; status: number; ms: number; profile?: string };

/** Flags whose value is a secret wherever they appear (`--flag=v` or `--flag v`). */
const SECRET_FLAGS = ['--docker-password', '--password', '-p', '--token'];
/** Query / form parameters whose value is a secret. */
const SECRET_PARAMS = ['user_key', 'access_token', 'provider_key', 'password'];
/** Template parameters (`--param K=V`) whose value is a secret: names like ADMIN_PASSWORD, MASTER_ACCESS_TOKEN. */
const SECRET_PARAM_NAME = /(PASSWORD|TOKEN|SECRET|KEY_BASE|_KEY$)/;
const REDACTED = '[redacted]';

/** argv with every secret value replaced by `[redacted]` (the simulator never journals a secret). */
export function redactArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (SECRET_FLAGS.includes(flag)) {
      if (eq > 0) out.push(`${flag}=${REDACTED}`);
      else {
        out.push(arg);
        if (i + 1 < argv.length) {
          out.push(REDACTED);
          i++;
        }
      }
      continue;
    }
    // --param K=V / -p K=V: the value of a secret-looking template parameter.
    const prev = argv[i - 1];
    const paramValue = (prev === '--param' || prev === '-p') ? arg : flag === '--param' && eq > 0 ? arg.slice(eq + 1) : undefined;
    if (paramValue !== undefined) {
      const kv = paramValue.indexOf('=');
      if (kv > 0 && SECRET_PARAM_NAME.test(paramValue.slice(0, kv))) {
        const redacted = `${paramValue.slice(0, kv)}=${REDACTED}`;
        out.push(prev === '--param' || prev === '-p' ? redacted : `--param=${redacted}`);
        continue;
      }
    }
    out.push(arg);
  }
  return out;
}

/** A request path with secret query parameters redacted. */
export function redactPath(path: string): string {
  const q = path.indexOf('?');
  if (q < 0) return path;
  const params = new URLSearchParams(path.slice(q + 1));
  for (const name of SECRET_PARAMS) if (params.has(name)) params.set(name, REDACTED);
  return `${path.slice(0, q)}?${params.toString().replaceAll('%5Bredacted%5D', REDACTED)}`;
}

/** A journal entry before its timestamp is added (distributes over the union, unlike a plain Omit). */
export type JournalInput = JournalEntry extends infer E ? (E extends unknown ? Omit<E, 't'> : never) : never;

/** Appends one entry (a single O_APPEND write, so concurrent processes never interleave lines). */
export function appendJournal(home: string, entry: JournalInput): void {
  mkdirSync(home, { recursive: true });
  const line = JSON.stringify({ t: new Date().toISOString(), ...entry } as JournalEntry);
  appendFileSync(join(home, 'journal.jsonl'), `${line}\n`);
}
