/**
 * Timing benchmark of the simulated CLIs (not a test: numbers depend on the machine).
 * Run: `npm run build && node lib/src/sim/cluster/bench/run.js [speed]`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { PROJECT_ROOT } from '../../../paths.js';

const speed = Number(process.argv[2] ?? 200);
const dir = mkdtempSync(join(tmpdir(), 'amp-sim-bench-'));
const bin = join(PROJECT_ROOT, 'src', 'sim', 'bin');
const env = {
  ...process.env,
  PATH: `${bin}:${process.env.PATH ?? ''}`,
  HOME: dir,
  AMP_SIM_HOME: join(dir, 'sim'),
  KUBECONFIG: join(dir, 'kube', 'config'),
  MINISHIFT_HOME: join(dir, 'minishift'),
  AMP_SIM_SPEED: String(speed),
  AMP_SIM_ROUTER: 'none',
};
const template = resolve(PROJECT_ROOT, '../shared/fixtures/3scale-templates/amp-eval-tech-preview-2.4.yml');

function run(cli: string, args: string[], extra: Record<string, string> = {}): { ms: number; out: string } {
  const t = process.hrtime.bigint();
  const call = (): string => {
    try {
      return execFileSync(join(bin, cli), args, { env: { ...env, ...extra }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      return String((err as { stdout?: string }).stdout ?? '');
    }
  };
  const out = call();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, out };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const times = (n: number, f: () => number): number => median(Array.from({ length: n }, f));

try {
  const rows: Array<[string, string]> = [];
  rows.push(['minishift start (speed 100000)', `${run('minishift', ['start'], { AMP_SIM_SPEED: '100000' }).ms.toFixed(0)} ms`]);
  run('oc', ['login', '-u', 'system:admin']);
  rows.push(['oc whoami (median of 10)', `${times(10, () => run('oc', ['whoami']).ms).toFixed(0)} ms`]);
  run('oc', ['new-project', '3scale']);
  const ip = run('minishift', ['ip']).out.trim();
  const started = Date.now();
  rows.push(['oc new-app 2.4 (67 objects)', `${run('oc', ['new-app', '-f', template, '-p', `WILDCARD_DOMAIN=${ip}.nip.io`]).ms.toFixed(0)} ms`]);
  rows.push(['oc get pods -o json during bring-up (median of 10)', `${times(10, () => run('oc', ['get', 'pods', '-o', 'json']).ms).toFixed(0)} ms`]);
  const status = run('oc', ['rollout', 'status', 'dc/apicast-production']);
  rows.push([`bring-up wall time at speed ${speed} (new-app → last DC rolled out)`, `${((Date.now() - started) / 1000).toFixed(1)} s (${status.out.trim().split('\n').pop()})`]);
  rows.push(['oc get pods -o json after bring-up (median of 10)', `${times(10, () => run('oc', ['get', 'pods', '-o', 'json']).ms).toFixed(0)} ms`]);
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
