import type { Command } from 'commander';

const WHEN = "an ISO 8601 date or time (2027-02-01, 2027-02-01T00:00:00Z) or '+DURATION' from now (+24h, +7d)";

/** `amp-installer codec-key generate|add|remove|list`: payload encryption keys (docs/security.md § Keys). */
export function registerCodecKey(program: Command): void {
  const group = program
    .command('codec-key')
    .description('Manage payload encryption keys: make a key, add one to a keyring file (rotation), retire one, list ids and dates.');

  group
    .command('generate')
    .description(
      'Print a new random key line `<id>:<base64 of 32 bytes>` for AMP_CODEC_KEY on stdout. This is the ONLY command ' +
        'that prints key material, because that is its purpose: keep the output secret (e.g. ' +
        '`export AMP_CODEC_KEY="$(amp-installer codec-key generate)"`), never paste it into a ticket or a log.',
    )
    .option('--id <id>', 'key id (1-64 letters, digits, ".", "_", "-"); default k-<yyyymmdd>-<random>')
    .action(async (opts: { id?: string }) => {
      const { runGenerate } = await import('../codec-key-command.js');
      runGenerate(opts);
    });

  group
    .command('add')
    .description(
      'Rotation step 1: add a fresh key to a keyring file (created 0600 if missing; a one-line key file becomes a keyring). ' +
        'It encrypts from --activate-at on (default now) and decrypts at once; prints ids and dates only.',
    )
    .requiredOption('--file <keyring>', 'keyring file (what AMP_CODEC_KEY_FILE points at)')
    .option('--id <id>', 'id of the new key; default k-<yyyymmdd>-<random>')
    .option('--activate-at <when>', `when the new key starts encrypting: ${WHEN}; stage it so every host has it first`)
    .action(async (opts: { file: string; id?: string; activateAt?: string }) => {
      const { runAdd } = await import('../codec-key-command.js');
      await runAdd(opts);
    });

  group
    .command('remove')
    .description('Rotation step 3: remove a retired key, once no workflow history within retention needs it. Refuses the encrypting key and the last key.')
    .requiredOption('--file <keyring>', 'keyring file')
    .requiredOption('--id <id>', 'id of the key to remove')
    .action(async (opts: { file: string; id: string }) => {
      const { runRemove } = await import('../codec-key-command.js');
      await runRemove(opts);
    });

  group
    .command('list')
    .description('List the keys of a keyring file: ids, dates and which one encrypts (never key material).')
    .requiredOption('--file <keyring>', 'keyring file')
    .option('--json', 'print a JSON array of { id, created, status }')
    .action(async (opts: { file: string; json?: boolean }) => {
      const { runList } = await import('../codec-key-command.js');
      runList(opts);
    });
}
