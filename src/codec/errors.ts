/** Thrown when a codec key or keyring is missing or malformed; the message names the place, never the key. */
export class KeyringError extends Error {
  constructor(
    /** Where the bad input came from: `AMP_CODEC_KEY`, `AMP_CODEC_KEY_FILE=/path`, a file path. */
    public readonly source: string,
    /** One line per problem, each with its location (`keys[1] (id "k2").key: …`). */
    public readonly problems: string[],
  ) {
    super(problems.length === 1 ? `${source}: ${problems[0]}` : `${source}:\n  ${problems.join('\n  ')}`);
    this.name = 'KeyringError';
  }
}

/** Thrown when no codec key is configured at all: the process must not run without encryption. */
export class KeyringNotConfiguredError extends KeyringError {
  constructor(devKeyringFile?: string) {
    super('codec key', [
      'no payload encryption key is configured: set AMP_CODEC_KEY=<id>:<base64 of 32 bytes> or ' +
        'AMP_CODEC_KEY_FILE=<keyring file>' +
        (devKeyringFile ? `, or run \`amp-installer dev\` to create the dev keyring ${devKeyringFile}` : ''),
    ]);
    this.name = 'KeyringNotConfiguredError';
  }
}

/** Thrown when a payload was encrypted with a key id this process's keyring does not hold. */
export class UnknownCodecKeyError extends Error {
  constructor(
    public readonly keyId: string,
    /** The ids this process does hold, to help spot a stale or wrong keyring. */
    public readonly knownIds: readonly string[],
    public readonly keyringSource: string,
  ) {
    super(
      `payload is encrypted with key "${keyId}" which this process does not have; ` +
        `set AMP_CODEC_KEY_FILE to a keyring that contains it (this process has ${knownIds.map((id) => `"${id}"`).join(', ')} ` +
        `from ${keyringSource})`,
    );
    this.name = 'UnknownCodecKeyError';
  }
}

/** Thrown when an encrypted payload fails authentication or is malformed: tampered with, truncated, or a wrong key. */
export class PayloadDecryptionError extends Error {
  constructor(
    public readonly keyId: string | undefined,
    reason: string,
  ) {
    super(`cannot decrypt payload${keyId ? ` encrypted with key "${keyId}"` : ''}: ${reason}`);
    this.name = 'PayloadDecryptionError';
  }
}
