import { join } from 'node:path';

import { z } from 'zod';

import { PROJECT_ROOT } from '../paths.js';
import { LabSpecSchema } from '../shared/lab-spec.js';
import { InstallSpecSchema } from '../shared/spec.js';

/** Where the generated JSON Schema of the install spec is committed (editors use it for completion). */
export const INSTALL_SPEC_SCHEMA_FILE = join(PROJECT_ROOT, 'schema', 'install-spec.schema.json');
/** Where the generated JSON Schema of the lab spec is committed. */
export const LAB_SPEC_SCHEMA_FILE = join(PROJECT_ROOT, 'schema', 'lab-spec.schema.json');

/** The JSON Schema of the spec as users write it (defaults optional), generated from the zod schema. */
export function installSpecJsonSchema(): string {
  const schema = z.toJSONSchema(InstallSpecSchema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ $id: 'https://amp-installer.dev/schema/install-spec.schema.json', title: 'amp-installer install spec', ...schema }, null, 2)}\n`;
}

/** The JSON Schema of the lab spec as users write it, generated from the zod schema (its `install` is an install spec). */
export function labSpecJsonSchema(): string {
  const schema = z.toJSONSchema(LabSpecSchema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ $id: 'https://amp-installer.dev/schema/lab-spec.schema.json', title: 'amp-installer lab spec', ...schema }, null, 2)}\n`;
}
