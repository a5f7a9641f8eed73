import { loadSpecFile, SpecFileError } from '../config/load-spec.js';
import type { InstallSpec } from '../shared/spec.js';
import { formatProblems } from '../shared/spec.js';
import { badInput } from './errors.js';

/** Loads `-f spec.yaml` for a command, or ends it with exit 2 and every problem listed under the file name. */
export function loadSpecOrExit(file: string): { spec: InstallSpec; file: string } {
  try {
    const loaded = loadSpecFile(file);
    if (loaded.problems) throw badInput(`${file}: invalid spec\n${formatProblems(loaded.problems)}`);
    return { spec: loaded.spec, file };
  } catch (err) {
    if (err instanceof SpecFileError) throw badInput(err.message);
    throw err;
  }
}
