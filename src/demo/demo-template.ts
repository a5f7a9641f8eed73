import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { templateCachePath } from '../activities/template/template-file.js';
import { PROJECT_ROOT } from '../paths.js';

/**
 * The 3scale templates have no license, so the project ships none. The demo's template comes from the template
 * cache (`<data dir>/templates/2.4.0/amp-eval-tech-preview.yml`); when it is not cached yet, a copy found beside
 * the project (the workplace's `../shared/fixtures/3scale-templates/`) seeds it; otherwise the install fetches
 * it from the upstream repository (network needed once).
 */
export function seedDemoTemplate(dataDir: string): { cached: string; source: 'cache' | 'fixture' | 'upstream' } {
  const cached = templateCachePath(dataDir, 'amp-eval-tech-preview', '2.4.0');
  if (existsSync(cached)) return { cached, source: 'cache' };
  const fixture = join(PROJECT_ROOT, '..', 'shared', 'fixtures', '3scale-templates', 'amp-eval-tech-preview-2.4.yml');
  if (!existsSync(fixture)) return { cached, source: 'upstream' };
  mkdirSync(dirname(cached), { recursive: true });
  copyFileSync(fixture, cached);
  return { cached, source: 'fixture' };
}
