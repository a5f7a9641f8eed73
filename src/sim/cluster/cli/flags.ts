/** A flag of a simulated command, with pflag semantics (`--name=v`, `--name v`, `-n v`, `-nv`, bools without value). */
export interface FlagSpec {
  name: string;
  short?: string;
  type: 'bool' | 'string' | 'stringArray' | 'int';
  /** Cobra MarkFlagRequired. */
  required?: boolean;
}

/** Parsed flags and positional arguments. */
export interface ParsedArgs {
  /** Flag values by long name (stringArray → string[]; every occurrence kept in order). */
  values: Record<string, string | boolean | number | string[]>;
  /** Long names of the flags that were given. */
  given: Set<string>;
  args: string[];
}

/** A flag-parsing error with pflag's exact message (the caller adds cobra's `Error: … See '…' for usage.`). */
export class FlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlagError';
  }
}

function label(spec: FlagSpec): string {
  return spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
}

function setValue(out: ParsedArgs, spec: FlagSpec, raw: string): void {
  out.given.add(spec.name);
  if (spec.type === 'bool') {
    const v = { true: true, '1': true, t: true, T: true, TRUE: true, True: true, false: false, '0': false, f: false, F: false, FALSE: false, False: false }[raw];
    if (v === undefined) throw new FlagError(`invalid argument "${raw}" for "${label(spec)}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
    out.values[spec.name] = v;
  } else if (spec.type === 'int') {
    if (!/^[-+]?\d+$/.test(raw)) throw new FlagError(`invalid argument "${raw}" for "${label(spec)}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`);
    out.values[spec.name] = Number(raw);
  } else if (spec.type === 'stringArray') {
    out.values[spec.name] = [...((out.values[spec.name] as string[] | undefined) ?? []), raw];
  } else out.values[spec.name] = raw;
}

/** Parses argv against flag specs; flags may appear anywhere (interspersed), `--` ends flag parsing. */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const out: ParsedArgs = { values: {}, given: new Set(), args: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      const spec = specs.find((s) => s.name === name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (eq > 0) setValue(out, spec, a.slice(eq + 1));
      else if (spec.type === 'bool') setValue(out, spec, 'true');
      else if (i + 1 < argv.length) setValue(out, spec, argv[++i]);
      else throw new FlagError(`flag needs an argument: --${name}`);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const ch = a[j];
        const spec = specs.find((s) => s.short === ch);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${ch}' in ${a}`);
        if (spec.type === 'bool') {
          if (a[j + 1] === '=') {
            setValue(out, spec, a.slice(j + 2));
            break;
          }
          setValue(out, spec, 'true');
          continue;
        }
        const rest = a.slice(j + 1);
        if (rest !== '') setValue(out, spec, rest.startsWith('=') ? rest.slice(1) : rest);
        else if (i + 1 < argv.length) setValue(out, spec, argv[++i]);
        else throw new FlagError(`flag needs an argument: '${ch}' in -${ch}`);
        break;
      }
      continue;
    }
    out.args.push(a);
  }
  return out;
}

/** Cobra's validateRequiredFlags message, or undefined when every required flag was given. */
export function missingRequired(parsed: ParsedArgs, specs: readonly FlagSpec[]): string | undefined {
  const missing = specs.filter((s) => s.required && !parsed.given.has(s.name)).map((s) => `"${s.name}"`).sort();
  return missing.length ? `required flag(s) ${missing.join(', ')} not set` : undefined;
}

/** A string flag value. */
export const str = (p: ParsedArgs, name: string): string | undefined => p.values[name] as string | undefined;
/** A boolean flag value. */
export const bool = (p: ParsedArgs, name: string, dflt = false): boolean => (p.values[name] as boolean | undefined) ?? dflt;
/** A string-array flag value. */
export const strs = (p: ParsedArgs, name: string): string[] => (p.values[name] as string[] | undefined) ?? [];
/** An int flag value. */
export const int = (p: ParsedArgs, name: string): number | undefined => p.values[name] as number | undefined;
