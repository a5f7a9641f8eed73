import { dirname } from 'node:path';

import { anchorPaths, readSpecDocument, SpecFileError } from '../config/load-spec.js';
import { parseLabSpec, type LabSpec } from '../shared/lab-spec.js';
import { formatProblems } from '../shared/spec.js';
import { badInput } from './errors.js';

/**
 * Loads `-f lab.yaml`: YAML or JSON, validated against the lab schema (every problem at once, by path), with the
 * install's relative paths (template file, `file:` references) made absolute against the file's folder. Ends the
 * command with exit 2 when the file is missing or invalid.
 */
export function loadLabSpecOrExit(file: string): LabSpec {
  let doc: ReturnType<typeof readSpecDocument>;
  try {
    doc = readSpecDocument(file, 'lab file');
  } catch (err) {
    if (err instanceof SpecFileError) throw badInput(err.message);
    throw err;
  }
  if (doc.problems.length > 0) throw badInput(`${file}: invalid lab spec\n${formatProblems(doc.problems)}`);
  const result = parseLabSpec(doc.value);
  if (result.problems) throw badInput(`${file}: invalid lab spec\n${formatProblems(result.problems)}`);
  return { ...result.spec, install: anchorPaths(result.spec.install, dirname(doc.abs)) };
}
