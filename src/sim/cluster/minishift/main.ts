import type { FlagSpec } from '../cli/flags.js';
import { FlagError, int, parseFlags, str, bool } from '../cli/flags.js';
import { CliExit } from '../cli/io.js';
import type { CliRuntime } from '../cli/run.js';
import { runCli } from '../cli/run.js';
import { del, ip, ocEnv, profileList, status, stop, usage } from './commands.js';
import { startVm } from './start.js';
import type { RouterDeps } from './vm.js';
import { defaultRouterDeps } from './vm.js';
import { MINISHIFT_VERSION } from './texts.js';

const GLOBAL: FlagSpec[] = [
  { name: 'profile', type: 'string' },
  { name: 'help', short: 'h', type: 'bool' },
  { name: 'show-libmachine-logs', type: 'bool' },
  { name: 'v', short: 'v', type: 'int' },
  { name: 'alsologtostderr', type: 'bool' },
];

const COMMANDS: Record<string, { short: string; flags: FlagSpec[] }> = {
  start: {
    short: 'Starts a local OpenShift cluster.',
    flags: [
      { name: 'memory', type: 'string' },
      { name: 'cpus', type: 'int' },
      { name: 'disk-size', type: 'string' },
      { name: 'vm-driver', type: 'string' },
      { name: 'openshift-version', type: 'string' },
      { name: 'iso-url', type: 'string' },
      { name: 'skip-startup-checks', type: 'bool' },
    ],
  },
  status: { short: 'Gets the status of the local OpenShift cluster.', flags: [] },
  ip: { short: 'Gets the IP address of the running cluster.', flags: [] },
  'oc-env': { short: 'Sets the path of the oc binary.', flags: [{ name: 'shell', type: 'string' }, { name: 'no-proxy', type: 'bool' }] },
  stop: { short: 'Stops the running local OpenShift cluster.', flags: [] },
  delete: { short: 'Deletes the Minishift VM.', flags: [{ name: 'force', short: 'f', type: 'bool' }, { name: 'clear-cache', type: 'bool' }] },
  version: { short: 'Gets the version of Minishift.', flags: [] },
  profile: { short: 'Manages Minishift profiles.', flags: [] },
};

function help(cmd?: string): string {
  if (cmd && COMMANDS[cmd]) {
    const flags = [...COMMANDS[cmd].flags, ...GLOBAL].map((f) => `      ${f.short ? `-${f.short}, ` : '    '}--${f.name}`).join('\n');
    return `${COMMANDS[cmd].short}\n\nUsage:\n  minishift ${cmd} [flags]\n\nFlags:\n${flags}\n`;
  }
  const list = Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(12)}${c.short}`).join('\n');
  return `Minishift is a command-line tool that provisions and manages single-node OpenShift clusters optimized for development workflows.\n\nUsage:\n  minishift [command]\n\nAvailable Commands:\n${list}\n\nUse "minishift [command] --help" for more information about a command.\n`;
}

/** The simulated `minishift` (v1.34.3) with injectable router start/stop. */
export async function minishift(rt: CliRuntime, argv: string[], router?: RouterDeps): Promise<number> {
  const name = argv.find((a) => !a.startsWith('-'));
  if (name !== undefined && !COMMANDS[name]) throw usage(`unknown command "${name}" for "minishift"`, 'minishift');
  const rest = name === undefined ? argv : argv.filter((a, i) => i !== argv.indexOf(name));
  let parsed;
  try {
    parsed = parseFlags(rest, [...(name ? COMMANDS[name].flags : []), ...GLOBAL]);
  } catch (err) {
    if (err instanceof FlagError) throw new CliExit(1, `Error: ${err.message}\nRun 'minishift${name ? ` ${name}` : ''} --help' for usage.`);
    throw err;
  }
  if (bool(parsed, 'help') || name === undefined) {
    rt.io.out(help(name));
    return 0;
  }
  const profile = str(parsed, 'profile') ?? 'minishift';
  rt.setProfile(profile);
  const deps = (): Promise<RouterDeps> => (router ? Promise.resolve(router) : defaultRouterDeps(rt.env));
  switch (name) {
    case 'start':
      return startVm(
        rt,
        {
          profile,
          memory: str(parsed, 'memory') ?? '4GB',
          cpus: int(parsed, 'cpus') ?? 2,
          diskSize: str(parsed, 'disk-size') ?? '20GB',
          driver: str(parsed, 'vm-driver') ?? 'kvm',
        },
        await deps(),
      );
    case 'status':
      return status(rt, profile);
    case 'ip':
      return ip(rt, profile);
    case 'oc-env':
      return ocEnv(rt, profile, str(parsed, 'shell'));
    case 'stop':
      return stop(rt, profile, await deps());
    case 'delete':
      return del(rt, profile, bool(parsed, 'force'), await deps(), bool(parsed, 'clear-cache'));
    case 'version':
      rt.io.out(`${MINISHIFT_VERSION}\n`);
      return 0;
    case 'profile':
      if (parsed.args[0] === 'list' || parsed.args[0] === undefined) return profileList(rt, profile);
      throw usage(`unknown command "${parsed.args[0]}" for "minishift profile"`, 'minishift profile');
    default:
      return 0;
  }
}

/** Entry point of src/sim/bin/minishift. */
export async function main(argv: string[]): Promise<void> {
  await runCli('minishift', argv, (rt) => minishift(rt, argv));
}
