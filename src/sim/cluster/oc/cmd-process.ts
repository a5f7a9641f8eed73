import { bool, str, strs } from '../cli/flags.js';
import { CliExit } from '../cli/io.js';
import { goJson, goYaml } from '../printers/json.js';
import type { OcCommand } from './command.js';
import { processFile } from './cmd-new-app.js';

/** `oc process -f FILE -p K=V`: prints the processed objects as a List (JSON by default). */
export const processTemplate: OcCommand = {
  path: ['process'],
  use: 'oc process (TEMPLATE | -f FILENAME) [-p=KEY=VALUE]',
  short: 'Process a template into list of resources',
  flags: [
    { name: 'filename', short: 'f', type: 'string' },
    { name: 'param', short: 'p', type: 'stringArray' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'local', type: 'bool' },
    { name: 'labels', short: 'l', type: 'string' },
  ],
  async run(ctx, p) {
    const file = str(p, 'filename');
    if (!file) throw new CliExit(1, 'error: Must pass a filename or name of stored template');
    const { processed } = await processFile(ctx, file, strs(p, 'param'), (dups) => {
      if (dups.length) throw new CliExit(1, `error: The following parameters were provided more than once: ${dups.join(', ')}`);
    });
    void bool(p, 'local');
    const items = processed.objects;
    const out = str(p, 'output') ?? 'json';
    if (out === 'yaml') ctx.io.out(await goYaml({ apiVersion: 'v1', items, kind: 'List', metadata: {} }));
    else if (out === 'json') {
      // The List itself is a typed object (struct field order); its items are unstructured (sorted keys).
      const body = goJson(items).trimEnd().replace(/\n/g, '\n    ');
      ctx.io.out(`{\n    "kind": "List",\n    "apiVersion": "v1",\n    "metadata": {},\n    "items": ${body}\n}\n`);
    } else throw new CliExit(1, `error: unable to match a printer suitable for the output format "${out}", allowed formats are: json,yaml`);
    return 0;
  },
};
