import { mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

import { execa } from 'execa';

import { PROJECT_ROOT } from '../../src/paths.js';
import { testdir } from './testdir.js';

/** The simulator's executables folder (put first on PATH). */
export const SIM_BIN = join(PROJECT_ROOT, 'src/sim/bin');

/** The real upstream templates (test data, read in place: never copied into the project). */
export const FIXTURE_TEMPLATES = join(PROJECT_ROOT, '..', 'shared', 'fixtures', '3scale-templates');
export const TEMPLATE_24 = join(FIXTURE_TEMPLATES, 'amp-eval-tech-preview-2.4.yml');
export const TEMPLATE_212 = join(FIXTURE_TEMPLATES, 'amp-eval-tech-preview-2.12.yml');

/** A private simulated world for one test file: state folder, kubeconfig, minishift home, PATH. */
export interface SimWorld {
  home: string;
  env: NodeJS.ProcessEnv;
  /** Lines of the journal (every CLI call and HTTP request the simulator saw). */
  journal(): Promise<Array<Record<string, unknown>>>;
  /** Stops every simulator process of this world (routers) and wipes it. */
  reset(): Promise<void>;
}

/** Creates a simulated world; `speed` scales simulated time (100: an 8-minute bring-up in about 5 s). */
export function simWorld(opts: { speed?: number; extraEnv?: NodeJS.ProcessEnv } = {}): SimWorld {
  const root = testdir();
  const home = join(root, 'sim');
  mkdirSync(home, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${SIM_BIN}${delimiter}${process.env.PATH ?? ''}`,
    AMP_SIM_HOME: home,
    AMP_SIM_SPEED: String(opts.speed ?? 100),
    KUBECONFIG: join(home, '.kube', 'config'),
    MINISHIFT_HOME: join(home, '.minishift'),
    HOME: root,
    ...opts.extraEnv,
  };
  return {
    home,
    env,
    async journal() {
      const { readFile } = await import('node:fs/promises');
      const text = await readFile(join(home, 'journal.jsonl'), 'utf8').catch(() => '');
      return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    async reset() {
      await execa('node', [join(PROJECT_ROOT, 'bin/amp-installer.js'), 'sim', 'reset'], { env, reject: false });
    },
  };
}
