import { ApiError, ClientError, ConnectionRefusedError, formatApiError } from '../api/errors.js';
import type { OcContext } from '../cli/context.js';
import { FlagError, missingRequired, parseFlags } from '../cli/flags.js';
import { CliExit } from '../cli/io.js';
import type { CliRuntime } from '../cli/run.js';
import { runCli } from '../cli/run.js';
import type { OcCommand } from './command.js';
import { GLOBAL_FLAGS, usageText } from './command.js';

type Loader = () => Promise<OcCommand>;

/** The command table; modules load lazily so `oc whoami` never pays for `oc new-app`. */
const TABLE: Array<[string, Loader]> = [
  ['login', () => import('./cmd-login.js').then((m) => m.login)],
  ['logout', () => import('./cmd-login.js').then((m) => m.logout)],
  ['whoami', () => import('./cmd-whoami.js').then((m) => m.whoami)],
  ['version', () => import('./cmd-version.js').then((m) => m.version)],
  ['new-project', () => import('./cmd-project.js').then((m) => m.newProject)],
  ['project', () => import('./cmd-project.js').then((m) => m.project)],
  ['projects', () => import('./cmd-project.js').then((m) => m.projects)],
  ['create secret docker-registry', () => import('./cmd-create.js').then((m) => m.createDockerRegistrySecret)],
  ['create route edge', () => import('./cmd-create.js').then((m) => m.createRouteEdge)],
  ['create', () => import('./cmd-create.js').then((m) => m.createFromFile)],
  ['get', () => import('./cmd-get.js').then((m) => m.get)],
  ['new-app', () => import('./cmd-new-app.js').then((m) => m.newApp)],
  ['process', () => import('./cmd-process.js').then((m) => m.processTemplate)],
  ['rollout status', () => import('./cmd-rollout.js').then((m) => m.rolloutStatus)],
  ['rollout retry', () => import('./cmd-rollout.js').then((m) => m.rolloutRetry)],
  ['rollout latest', () => import('./cmd-rollout.js').then((m) => m.rolloutLatest)],
  ['rollout cancel', () => import('./cmd-rollout.js').then((m) => m.rolloutCancel)],
  ['logs', () => import('./cmd-logs.js').then((m) => m.logs)],
  ['delete', () => import('./cmd-delete.js').then((m) => m.del)],
  ['status', () => import('./cmd-status.js').then((m) => m.status)],
  ['import-image', () => import('./cmd-import-image.js').then((m) => m.importImage)],
];

const TOP = [...new Set(TABLE.map(([p]) => p.split(' ')[0])), 'rollout'];
const VALUE_GLOBALS = new Set(GLOBAL_FLAGS.filter((f) => f.type !== 'bool').flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]));

/** Positional words and their argv indexes, skipping global flags and their values. */
function words(argv: readonly string[]): Array<{ word: string; index: number }> {
  const out: Array<{ word: string; index: number }> = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a.startsWith('-')) {
      if (VALUE_GLOBALS.has(a)) i++;
      continue;
    }
    out.push({ word: a, index: i });
  }
  return out;
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

function unknownCommand(word: string, parent: string, candidates: string[]): CliExit {
  const suggestions = candidates.filter((c) => levenshtein(word, c) <= 2 || c.startsWith(word));
  const hint = suggestions.length ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}`).join('\n')}\n` : '';
  return new CliExit(1, `Error: unknown command "${word}" for "${parent}"${hint}\nRun '${parent} --help' for usage.`);
}

/** Finds the command for argv; returns it with argv minus the command words. */
async function resolve(argv: readonly string[]): Promise<{ cmd: OcCommand; rest: string[] } | undefined> {
  const ws = words(argv);
  if (ws.length === 0) return undefined;
  if (!TOP.includes(ws[0].word)) throw unknownCommand(ws[0].word, 'oc', TOP);
  let best: [string, Loader] | undefined;
  let used = 0;
  for (const entry of TABLE) {
    const parts = entry[0].split(' ');
    if (parts.every((p, i) => ws[i]?.word === p) && parts.length > used) {
      best = entry;
      used = parts.length;
    }
  }
  if (!best) {
    const subs = TABLE.filter(([p]) => p.startsWith(`${ws[0].word} `)).map(([p]) => p.split(' ')[1]);
    if (ws[1]) throw unknownCommand(ws[1].word, `oc ${ws[0].word}`, subs);
    // A command group without a subcommand prints its help (cobra: not runnable → help, exit 0).
    const group = ws[0].word;
    const help: OcCommand = {
      path: [group],
      use: `oc ${group} SUBCOMMAND`,
      short: `Available Commands:\n${subs.map((x) => `  ${x}`).join('\n')}`,
      flags: [],
      run: async (ctx) => {
        ctx.io.out(`${help.short}\n\nUsage:\n  oc ${group} SUBCOMMAND [options]\n`);
        return 0;
      },
    };
    return { cmd: help, rest: argv.filter((_, i) => i !== ws[0].index) };
  }
  const skip = new Set(ws.slice(0, used).map((w) => w.index));
  return { cmd: await best[1](), rest: argv.filter((_, i) => !skip.has(i)) };
}

/** The simulated `oc` v3.11: returns the exit code (errors printed as kcmdutil.CheckErr does). */
export async function oc(rt: CliRuntime, argv: string[]): Promise<number> {
  const resolved = await resolve(argv);
  if (!resolved) {
    rt.io.out(`OpenShift Client\n\nThis client helps you develop, build, deploy, and run your applications on any OpenShift or\nKubernetes compatible platform. It also includes the administrative commands for managing a\ncluster under the 'adm' subcommand.\n\nUsage:\n  oc [flags]\n\nUse "oc <command> --help" for more information about a given command.\n`);
    return 0;
  }
  const { cmd, rest } = resolved;
  let p;
  try {
    p = parseFlags(rest, [...cmd.flags, ...GLOBAL_FLAGS.filter((g) => !cmd.flags.some((f) => f.name === g.name))]);
  } catch (err) {
    if (err instanceof FlagError) throw new CliExit(1, `Error: ${err.message}\nSee 'oc ${cmd.path.join(' ')} --help' for usage.`);
    throw err;
  }
  if (p.values.help === true) {
    rt.io.out(`${cmd.short}\n\n${usageText(cmd)}`);
    return 0;
  }
  const missing = missingRequired(p, cmd.flags);
  if (missing) throw new CliExit(1, `Error: ${missing}\n${usageText(cmd)}`);
  const ctx: OcContext = {
    env: rt.env,
    io: rt.io,
    faults: rt.faults,
    global: {
      namespace: p.values.namespace as string | undefined,
      kubeconfig: (p.values.config as string | undefined) ?? (p.values.kubeconfig as string | undefined) ?? rt.env.kubeconfig,
      context: p.values.context as string | undefined,
      server: cmd.path[0] === 'login' ? undefined : (p.values.server as string | undefined),
      token: p.values.token as string | undefined,
      insecure: p.values['insecure-skip-tls-verify'] as boolean | undefined,
    },
  };
  try {
    return await cmd.run(ctx, p);
  } catch (err) {
    if (err instanceof ApiError || err instanceof ConnectionRefusedError || err instanceof ClientError) throw new CliExit(1, formatApiError(err));
    throw err;
  } finally {
    if (ctx.profile) rt.setProfile(ctx.profile);
  }
}

/** Entry point of src/sim/bin/oc. */
export async function main(argv: string[]): Promise<void> {
  await runCli('oc', argv, (rt) => oc(rt, argv));
}
