/**
 * The forms a secret takes on its way through argv, URLs, JSON and HTTP headers: the value itself, JSON-escaped,
 * URL- and form-encoded, base64 (padded, unpadded, url-safe) and single-quoted for a shell (execa's escapedCommand).
 */
export function encodedForms(value: string): string[] {
  const base64 = Buffer.from(value, 'utf8').toString('base64');
  const forms = [
    value,
    JSON.stringify(value).slice(1, -1),
    encodeURIComponent(value),
    new URLSearchParams({ v: value }).toString().slice(2),
    base64,
    base64.replace(/=+$/, ''),
    Buffer.from(value, 'utf8').toString('base64url'),
    value.replaceAll("'", `'\\''`),
  ];
  return [...new Set(forms)];
}
