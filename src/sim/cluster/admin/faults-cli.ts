import { simHome } from '../../home.js';
import { addFault, allFaults, clearFaults, isActive } from '../faults/store.js';
import type { FaultInput, StoredFault } from '../faults/types.js';

/** Options of `amp-installer sim fault add` (flags map 1:1 to fault fields; see docs/simulator.md). */
export interface FaultAddOptions {
  json?: string;
  match?: string;
  times?: string;
  stderr?: string;
  stdout?: string;
  exitCode?: string;
  hang?: string;
  stage?: string;
  dc?: string;
  project?: string;
  mode?: string;
  container?: string;
  for?: string;
  claim?: string;
  imagestream?: string;
  tag?: string;
  hook?: string;
  failures?: string;
  host?: string;
  status?: string;
  body?: string;
}

const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));

/** Builds a fault from the command line (`--json` wins over the individual flags). */
export function faultFromOptions(kind: string | undefined, o: FaultAddOptions): FaultInput {
  if (o.json) return JSON.parse(o.json) as FaultInput;
  const raw: Record<string, unknown> = {
    kind,
    match: o.match,
    times: num(o.times),
    stderr: o.stderr,
    stdout: o.stdout,
    exitCode: num(o.exitCode),
    hangSeconds: num(o.hang),
    stage: o.stage,
    dc: o.dc,
    project: o.project,
    mode: o.mode,
    container: o.container,
    forSeconds: num(o.for),
    claim: o.claim,
    imagestream: o.imagestream,
    tag: o.tag,
    hook: o.hook,
    failures: num(o.failures),
    host: o.host,
    status: num(o.status),
    body: o.body,
  };
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)) as FaultInput;
}

/** One line describing a fault for `sim fault list`. */
export function describeFault(f: StoredFault): string {
  const { id, used, source, kind, ...rest } = f;
  const times = 'times' in f && f.times !== undefined ? `${used}/${f.times}` : `${used}/∞`;
  const details = Object.entries(rest)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(' ');
  return `${id.padEnd(16)}${source.padEnd(6)}${kind.padEnd(16)}${times.padEnd(8)}${isActive(f) ? 'armed ' : 'spent '}${details}`;
}

export { addFault, allFaults, clearFaults, simHome };
