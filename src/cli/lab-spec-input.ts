import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

import { anchorPaths, parseSpecText } from '../config/load-spec.js';
import { parseLabSpec, type LabSpec } from '../shared/lab-spec.js';
import { formatProblems } from '../shared/spec.js';
import { badInput } from './errors.js';

/**
 * Loads `-f lab.yaml`: YAML or JSON, validated against the lab schema (every problem at once, by path), with the
 * install's relative paths (template file, `file:` references) made absolute against the file's folder. Ends the
 * command with exit 2 when the file is missing or invalid.
 */
export function loadLabSpecOrExit(file: string): LabSpec {
  const abs = resolve(file);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw badInput(code === 'ENOENT' ? `lab file ${file} does not exist` : `lab file ${file} cannot be read (${code})`);
  }
  const parsed = parseSpecText(text);
  if (parsed.problems.length > 0) throw badInput(`${file}: invalid lab spec\n${formatProblems(parsed.problems)}`);
  const result = parseLabSpec(parsed.value);
  if (result.problems) throw badInput(`${file}: invalid lab spec\n${formatProblems(result.problems)}`);
  return { ...result.spec, install: anchorPaths(result.spec.install, dirname(abs)) };
}
