import type { Command } from 'commander';

const collect = (value: string, previous: string[]) => [...previous, value];

/** `amp-installer codec-server`: the Web UI's (and `temporal --codec-endpoint`'s) /encode and /decode. */
export function registerCodecServer(program: Command): void {
  program
    .command('codec-server')
    .description(
      'Serve /encode and /decode with the payload keys (AMP_CODEC_KEY / AMP_CODEC_KEY_FILE), for the Temporal Web UI ' +
        '(--ui-codec-endpoint) and `temporal … --codec-endpoint`. Requests need the bearer token (AMP_CODEC_TOKEN, ' +
        'AMP_CODEC_TOKEN_FILE or --token-file; generated into the data folder when none is set), in the ' +
        'Authorization header or as the first path segment. Runs until Ctrl-C. Anyone who can call it can decrypt: ' +
        'keep it on loopback or behind the UI.',
    )
    .option('--host <address>', 'address to bind', '127.0.0.1')
    .option('--port <port>', 'port to listen on', (v) => Number(v), 8888)
    .option('--ui-origin <origin>', 'a Web UI origin allowed by CORS (repeatable)', collect, [])
    .option('--token-file <file>', 'file holding the bearer token')
    .action(async (opts: { host: string; port: number; uiOrigin: string[]; tokenFile?: string }) => {
      const { runCodecServer } = await import('../codec-server-command.js');
      await runCodecServer(opts);
    });
}
