import type { Command } from 'commander';

/** `amp-installer schema`: print (or write) the install spec's JSON Schema generated from the zod schema. */
export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('Print the JSON Schema of the install spec (generated from the zod schema).')
    .option('--write', 'write it to schema/install-spec.schema.json instead')
    .action(async (opts: { write?: boolean }) => {
      const { installSpecJsonSchema, INSTALL_SPEC_SCHEMA_FILE } = await import('../../config/json-schema.js');
      const text = installSpecJsonSchema();
      if (!opts.write) return void process.stdout.write(text);
      const { mkdirSync, writeFileSync } = await import('node:fs');
      const { dirname } = await import('node:path');
      mkdirSync(dirname(INSTALL_SPEC_SCHEMA_FILE), { recursive: true });
      writeFileSync(INSTALL_SPEC_SCHEMA_FILE, text);
      process.stdout.write(`wrote ${INSTALL_SPEC_SCHEMA_FILE}\n`);
    });
}
