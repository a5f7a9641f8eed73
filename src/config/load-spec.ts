import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';

import { parseDocument } from 'yaml';

import { parseSpec, type InstallSpec, type SpecProblem } from '../shared/spec.js';
import { isTemplatePath } from '../shared/template-source.js';
import { absoluteRefPath, resolveRef, SecretRefError } from './secret-ref.js';

/** The outcome of loading a spec file: the spec, or every problem at once (each with its path). */
export type LoadedSpec =
  | { file: string; spec: InstallSpec; problems?: undefined }
  | { file: string; spec?: undefined; problems: SpecProblem[] };

/** Thrown when the spec file itself cannot be read (missing, unreadable): bad input, reported by name. */
export class SpecFileError extends Error {
  constructor(
    public readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'SpecFileError';
  }
}

/** Parses YAML or JSON text (YAML is a superset); syntax errors come back as problems with line and column. */
export function parseSpecText(text: string): { value?: unknown; problems: SpecProblem[] } {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => ({
        path: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '(file)',
        message: e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''),
      })),
    };
  }
  return { value: doc.toJS(), problems: [] };
}

/**
 * Makes the spec's relative paths (template file, `file:` references) absolute against the spec file's
 * folder, so the workflow carries paths any worker can use whatever its working directory.
 */
export function anchorPaths(spec: InstallSpec, baseDir: string): InstallSpec {
  const anchorRef = (v: string): string => (v.startsWith('file:') ? `file:${absoluteRefPath(v.slice(5), baseDir)}` : v);
  const template = spec.threescale.template;
  return {
    ...spec,
    threescale: {
      ...spec.threescale,
      template: isTemplatePath(template) && !isAbsolute(template) ? resolve(baseDir, template) : template,
    },
    registry: spec.registry && {
      ...spec.registry,
      server: anchorRef(spec.registry.server),
      username: anchorRef(spec.registry.username),
      password: anchorRef(spec.registry.password),
    },
  };
}

/**
 * Reads and parses a YAML/JSON document file (a spec, a lab file): its value, or its syntax problems. Throws
 * {@link SpecFileError} when the file cannot be read; `what` names the file in that message.
 */
export function readSpecDocument(file: string, what = 'spec file'): { abs: string; value?: unknown; problems: SpecProblem[] } {
  const abs = resolve(file);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SpecFileError(abs, code === 'ENOENT' ? `${what} ${file} does not exist` : `${what} ${file} cannot be read (${code})`);
  }
  return { abs, ...parseSpecText(text) };
}

/** Reads, parses and validates a spec file. Never throws for bad content; throws {@link SpecFileError} if unreadable. */
export function loadSpecFile(file: string): LoadedSpec {
  const { abs, ...parsed } = readSpecDocument(file);
  if (parsed.problems.length > 0) return { file: abs, problems: parsed.problems };
  const result = parseSpec(parsed.value);
  if (result.problems) return { file: abs, problems: result.problems };
  return { file: abs, spec: anchorPaths(result.spec, dirname(abs)) };
}

/**
 * Resolves every reference in the spec (registry server, username, password) to check it can be read,
 * and reports each one that cannot, by path and by name. The values are discarded: they are resolved again
 * where they are used, inside activities, so they never travel through the workflow.
 */
export function checkReferences(spec: InstallSpec, env: NodeJS.ProcessEnv = process.env): SpecProblem[] {
  const problems: SpecProblem[] = [];
  if (!spec.registry) return problems;
  for (const key of ['server', 'username', 'password'] as const) {
    try {
      resolveRef(spec.registry[key], env);
    } catch (err) {
      if (!(err instanceof SecretRefError)) throw err;
      problems.push({ path: `registry.${key}`, message: `cannot resolve ${err.ref}: ${err.message}` });
    }
  }
  return problems;
}
