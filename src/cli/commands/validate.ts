import type { Command } from 'commander';

import { badInput } from '../errors.js';

/** `amp-installer validate -f spec.yaml`: load and check an install spec, every problem at once. */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Load and check an install spec (YAML or JSON): schema, and that secret references resolve.')
    .requiredOption('-f, --file <spec>', 'install spec file (YAML or JSON)')
    .option('--no-refs', 'do not resolve env:/file: references (check the file only)')
    .option('--json', 'print the normalised spec (defaults applied) as JSON')
    .action(async (opts: { file: string; refs: boolean; json?: boolean }) => {
      const { loadSpecOrExit } = await import('../spec-input.js');
      const { checkReferences } = await import('../../config/load-spec.js');
      const { formatProblems } = await import('../../shared/spec.js');
      const { spec, file } = loadSpecOrExit(opts.file);
      const problems = opts.refs ? checkReferences(spec) : [];
      if (problems.length > 0) throw badInput(`${file}: invalid spec\n${formatProblems(problems)}`);
      if (opts.json) process.stdout.write(`${JSON.stringify(spec, null, 2)}\n`);
      else process.stdout.write(`${file}: valid (platform ${spec.platform.type}, project ${spec.openshift.project}, 3scale ${spec.threescale.release})\n`);
    });
}
