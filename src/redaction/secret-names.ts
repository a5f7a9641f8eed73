/**
 * Whether a key, parameter, flag or header name names a secret: *PASSWORD*, *TOKEN*, *SECRET*, *_KEY and friends
 * (ADMIN_PASSWORD, MASTER_ACCESS_TOKEN, user_key, apiKey, SECRET_KEY_BASE, X-3scale-Proxy-Secret-Token).
 */
export function isSecretName(rawName: string): boolean {
  const name = rawName.replace(/^-+/, '');
  if (!name) return false;
  // Names that point at a secret rather than hold one (secretName, TOKEN_FILE, tokenTtl) are useful in logs.
  if (REFERENCE_SUFFIX.test(name)) return false;
  return SECRET_WORD.test(name) || KEY_SUFFIX.test(name) || CAMEL_KEY_SUFFIX.test(name) || PASS_WORD.test(name);
}

const SECRET_WORD = /password|passwd|passphrase|token|secret|credential|private[_.-]?key/i;
const KEY_SUFFIX = /(?:^|[_.-])key(?:[_.-]base)?$/i;
const CAMEL_KEY_SUFFIX = /[a-z0-9]Key$/;
const PASS_WORD = /(?:^|[_.-])pass$/i;
const REFERENCE_SUFFIX =
  /(?:[_.-]?(?:name|names|ref|id|ids|type|path|file|dir|url|length|len|count|ttl|hint|expiry|expires(?:[_.-]?(?:at|in))?))$/i;
