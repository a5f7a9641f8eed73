import type { FlagSpec, ParsedArgs } from '../cli/flags.js';
import type { OcContext } from '../cli/context.js';
import { CliExit } from '../cli/io.js';

/** One `oc` (sub)command. */
export interface OcCommand {
  /** Words after `oc` (`['create', 'secret', 'docker-registry']`). */
  path: string[];
  /** Cobra `Use` line (printed by usage errors). */
  use: string;
  short: string;
  flags: FlagSpec[];
  run(ctx: OcContext, p: ParsedArgs): Promise<number>;
}

/** Flags every oc command accepts (the ones the simulator understands; --loglevel and friends are ignored). */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'config', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'server', type: 'string' },
  { name: 'token', type: 'string' },
  { name: 'loglevel', type: 'int' },
  { name: 'request-timeout', type: 'string' },
  { name: 'insecure-skip-tls-verify', type: 'bool' },
  { name: 'help', short: 'h', type: 'bool' },
];

/** kcmdutil.UsageErrorf: `error: <msg>` + the -h hint, exit 1. */
export function usageError(cmd: { path: string[] }, msg: string): CliExit {
  return new CliExit(1, `error: ${msg}\nSee 'oc ${cmd.path.join(' ')} -h' for help and examples.`);
}

/** The usage block cobra prints after `Error: required flag(s) …`. */
export function usageText(cmd: OcCommand): string {
  const flags = cmd.flags
    .filter((f) => f.name !== 'help')
    .map((f) => `  ${f.short ? `-${f.short}, ` : '    '}--${f.name}${f.type === 'bool' ? '=false' : f.type === 'stringArray' ? '=[]' : "=''"}`)
    .join('\n');
  return `Options:\n${flags}\n\nUsage:\n  ${cmd.use} [options]\n\nUse "oc options" for a list of global command-line options (applies to all commands).\n`;
}
