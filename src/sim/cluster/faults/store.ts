import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { readJson, updateJson } from '../store/json-file.js';
import { sha256Hex } from '../random.js';
import type { Fault, FaultInput, StoredFault } from './types.js';

/** Thrown when a fault file or a fault given on the command line is not valid. */
export class InvalidFaultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidFaultError';
  }
}

const cliStore = (home: string): string => join(home, 'faults.json');
const usedStore = (home: string): string => join(home, 'faults-used.json');

/** Faults with a `times` budget are spent once used that often; the others stay until cleared. */
export function isActive(f: StoredFault): boolean {
  const times = 'times' in f ? f.times : undefined;
  return times === undefined || f.used < times;
}

/** Parses a fault file (YAML or JSON): a list of faults or `{ faults: [...] }`. */
export async function parseFaultFile(text: string, file: string): Promise<Fault[]> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    const { parse } = await import('yaml');
    doc = parse(text);
  }
  const list = Array.isArray(doc) ? doc : (doc as { faults?: unknown } | null)?.faults;
  if (!Array.isArray(list)) throw new InvalidFaultError(`${file}: expected a list of faults or { faults: [...] }`);
  const { FaultSchema } = await import('./schema.js');
  return list.map((item, i) => {
    const parsed = FaultSchema.safeParse(item);
    if (!parsed.success) throw new InvalidFaultError(`${file}: fault #${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    return parsed.data as Fault;
  });
}

/** Every fault from both sources (the CLI store and AMP_SIM_FAULTS), with usage counts, active or not. */
export async function allFaults(home: string, faultsFile: string | undefined): Promise<StoredFault[]> {
  const stored = (readJson<StoredFault[]>(cliStore(home)) ?? []).map((f) => ({ ...f, source: 'cli' as const }));
  if (!faultsFile) return stored;
  let text: string;
  try {
    text = readFileSync(faultsFile, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return stored;
    throw err;
  }
  const used = readJson<Record<string, number>>(usedStore(home)) ?? {};
  const fromFile = (await parseFaultFile(text, faultsFile)).map((f, i): StoredFault => {
    const id = `file-${i + 1}-${sha256Hex(JSON.stringify(f)).slice(0, 6)}`;
    return { ...f, id, used: used[id] ?? 0, source: 'file' };
  });
  return [...stored, ...fromFile];
}

/** The faults currently in force. */
export async function activeFaults(home: string, faultsFile: string | undefined): Promise<StoredFault[]> {
  return (await allFaults(home, faultsFile)).filter(isActive);
}

/** Counts one use of a fault; false when it was spent meanwhile (another process took the last unit). */
export async function consumeFault(home: string, fault: StoredFault): Promise<boolean> {
  const times = 'times' in fault ? fault.times : undefined;
  if (fault.source === 'file') {
    const ok = await updateJson<Record<string, number>, boolean>(usedStore(home), (cur) => {
      const used = { ...(cur ?? {}) };
      const n = used[fault.id] ?? 0;
      if (times !== undefined && n >= times) return { result: false };
      used[fault.id] = n + 1;
      return { value: used, result: true };
    });
    return ok === true;
  }
  const ok = await updateJson<StoredFault[], boolean>(cliStore(home), (cur) => {
    const list = cur ?? [];
    const f = list.find((x) => x.id === fault.id);
    if (!f || !isActive(f)) return { result: false };
    f.used += 1;
    return { value: list, result: true };
  });
  return ok === true;
}

/** Adds a fault to `$AMP_SIM_HOME/faults.json`; returns it with its id. */
export async function addFault(home: string, input: FaultInput): Promise<StoredFault> {
  const { FaultSchema } = await import('./schema.js');
  const parsed = FaultSchema.safeParse(input);
  if (!parsed.success) throw new InvalidFaultError(parsed.error.issues.map((x) => `${x.path.join('.') || 'fault'}: ${x.message}`).join('; '));
  const added = await updateJson<StoredFault[], StoredFault>(cliStore(home), (cur) => {
    const list = cur ?? [];
    const next = 1 + list.reduce((m, f) => Math.max(m, Number(f.id.replace(/^f/, '')) || 0), 0);
    const f = { ...(parsed.data as Fault), id: `f${next}`, used: 0, source: 'cli' } as StoredFault;
    return { value: [...list, f], result: f };
  });
  return added as StoredFault;
}

/** Removes CLI-managed faults (all, or the given ids); returns how many were removed. File faults stay. */
export async function clearFaults(home: string, ids: readonly string[] = []): Promise<number> {
  const removed = await updateJson<StoredFault[], number>(cliStore(home), (cur) => {
    const list = cur ?? [];
    const keep = ids.length === 0 ? [] : list.filter((f) => !ids.includes(f.id));
    return { value: keep, result: list.length - keep.length };
  });
  return removed ?? 0;
}
