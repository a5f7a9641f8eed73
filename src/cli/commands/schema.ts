import type { Command } from 'commander';

/** `amp-installer schema`: print (or write) the JSON Schemas of the install and lab specs, generated from the zod schemas. */
export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('Print the JSON Schema of the install spec (or, with --lab, of the lab spec), generated from the zod schema.')
    .option('--lab', 'the lab spec instead of the install spec')
    .option('--write', 'write both to schema/install-spec.schema.json and schema/lab-spec.schema.json instead')
    .action(async (opts: { lab?: boolean; write?: boolean }) => {
      const { installSpecJsonSchema, INSTALL_SPEC_SCHEMA_FILE, labSpecJsonSchema, LAB_SPEC_SCHEMA_FILE } = await import('../../config/json-schema.js');
      if (!opts.write) return void process.stdout.write(opts.lab ? labSpecJsonSchema() : installSpecJsonSchema());
      const { mkdirSync, writeFileSync } = await import('node:fs');
      const { dirname } = await import('node:path');
      for (const [file, text] of [[INSTALL_SPEC_SCHEMA_FILE, installSpecJsonSchema()], [LAB_SPEC_SCHEMA_FILE, labSpecJsonSchema()]] as const) {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, text);
        process.stdout.write(`wrote ${file}\n`);
      }
    });
}
