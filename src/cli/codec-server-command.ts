import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { DEFAULT_UI_ORIGINS, generateCodecToken, KeyringError, KeyringNotConfiguredError, loadKeyring, startCodecServer } from '../codec/index.js';
import { loadRuntimeConfig } from '../config/env.js';
import { defaultRedactor } from '../redaction/index.js';
import { badInput } from './errors.js';

/** The bearer token: AMP_CODEC_TOKEN, a token file, or one generated into `<data dir>/codec-server-token` (0600). */
function token(tokenFile: string | undefined, dataDir: string): { token: string; where: string } {
  const fromEnv = process.env.AMP_CODEC_TOKEN?.trim();
  if (fromEnv) return { token: fromEnv, where: 'AMP_CODEC_TOKEN' };
  const file = tokenFile ?? process.env.AMP_CODEC_TOKEN_FILE;
  if (file) {
    if (!existsSync(file)) throw badInput(`codec token file ${file} does not exist`);
    const t = readFileSync(file, 'utf8').trim();
    if (!t) throw badInput(`codec token file ${file} is empty`);
    return { token: t, where: file };
  }
  const generated = join(dataDir, 'codec-server-token');
  if (!existsSync(generated)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(generated, `${generateCodecToken()}\n`, { mode: 0o600, flag: 'wx' });
  }
  return { token: readFileSync(generated, 'utf8').trim(), where: generated };
}

/** Runs the codec server in the foreground until SIGINT/SIGTERM. */
export async function runCodecServer(opts: { host: string; port: number; uiOrigin: string[]; tokenFile?: string }): Promise<void> {
  const config = loadRuntimeConfig();
  let keyring;
  try {
    keyring = loadKeyring(process.env, { dataDir: config.dataDir });
  } catch (err) {
    if (err instanceof KeyringError || err instanceof KeyringNotConfiguredError) throw badInput(err.message);
    throw err;
  }
  const t = token(opts.tokenFile, config.dataDir);
  defaultRedactor.add(t.token, 'codec token');
  const server = await startCodecServer({
    host: opts.host,
    port: opts.port,
    keyring,
    token: t.token,
    allowedOrigins: opts.uiOrigin.length > 0 ? opts.uiOrigin : DEFAULT_UI_ORIGINS,
  });
  process.stdout.write(
    `Codec server at ${server.url} (keys: ${keyring.ids.join(', ')}; token from ${t.where}; CORS: ${(opts.uiOrigin.length ? opts.uiOrigin : DEFAULT_UI_ORIGINS).join(', ')}). Ctrl-C stops it.\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  process.stdout.write('Codec server stopped.\n');
}
