import { isSecretName } from './secret-names.js';

/** The marker that replaces a secret; `label` says which one (or which shape) it was. */
export function marker(label: string): string {
  return `[redacted:${label}]`;
}

// A value: a double-quoted string, a single-quoted string or a run of non-space characters. The lookahead keeps a
// value that an earlier rule already replaced (and labelled more precisely) as it is.
const NOT_DONE = String.raw`(?!\[redacted)`;
const VALUE = String.raw`("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s"']+)`;
const NAME = String.raw`(-{0,2}[A-Za-z][A-Za-z0-9_.-]*)`;
const NAME_START = String.raw`(?<![A-Za-z0-9_.-])`;

/** Flags whose value is always a secret: `--docker-password=x`, `--password x`, `oc login --token=x`. */
export const SECRET_FLAGS = ['--docker-password', '--password', '--token', '--client-secret'] as const;
const flagRule = new RegExp(String.raw`(?<![\w-])(${SECRET_FLAGS.join('|')})(=|[ \t]+)${NOT_DONE}${VALUE}`, 'g');

// `-p` is the password only after `oc login` (or docker/podman login); for `oc process -p K=V` it is a parameter.
// The gaps are bounded so that a megabyte-long line full of `oc …` cannot make the scan quadratic.
const loginPasswordRule = new RegExp(
  String.raw`(\b(?:oc|docker|podman)(?:\.exe)?[ \t]+(?:-\S*[ \t]+){0,4}login\b[^\n]{0,400}?[ \t]-p(?:=|[ \t]+)?)${NOT_DONE}${VALUE}`,
  'g',
);

const authorizationRule = new RegExp(
  String.raw`(\b(?:proxy-)?authorization\\?"?[ \t]*[:=][ \t]*\\?"?(?:Basic|Bearer|Token|Digest)[ \t]+)${NOT_DONE}([^\s"',;\\]+)`,
  'gi',
);

// https://user:password@host and the `https://<token>@master…` form peers put access tokens in.
const userinfoRule = new RegExp(String.raw`(\b[a-z][a-z0-9+.-]*://)${NOT_DONE}([^\s/?#@"'\\]+)@`, 'gi');

// "ADMIN_PASSWORD":"x" in JSON, and \"ADMIN_PASSWORD\":\"x\" in JSON that was itself put into a JSON string.
const jsonKeyRule = new RegExp(String.raw`("${NAME}"[ \t]*:[ \t]*)"${NOT_DONE}((?:[^"\\\n]|\\.)*)"`, 'g');
const escapedJsonKeyRule = new RegExp(
  // Inside the outer string an inner \" is \\\", an inner \\ is \\\\, and the inner closing quote is \".
  String.raw`(\\"${NAME}\\"[ \t]*:[ \t]*)\\"${NOT_DONE}((?:\\\\\\"|\\\\\\\\|\\[^"\\]|[^"\\\n])*)\\"`,
  'g',
);

// NAME=value in argv (`-p ADMIN_PASSWORD=x`), env dumps and query strings (`?user_key=x&…`). The value is matched
// separately (sticky) so that after a harmless `--from-literal=` the scan goes on into `password=x`.
const assignmentName = new RegExp(String.raw`${NAME_START}${NAME}=`, 'g');
const assignmentValue = new RegExp(String.raw`${NOT_DONE}(?:"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s&"',;)}\]]+|["'][^\s"']+)`, 'y');

// NAME: value in YAML and HTTP header dumps (`password: c2VjcmV0`, `X-3scale-Proxy-Secret-Token: x`).
const colonRule = new RegExp(String.raw`${NAME_START}${NAME}([ \t]*:[ \t]+)${NOT_DONE}([^\s"',]+)`, 'g');

function labelOf(name: string): string {
  return name.replace(/^-+/, '');
}

function redactAssignments(text: string): string {
  let out = '';
  let done = 0;
  assignmentName.lastIndex = 0;
  for (let m = assignmentName.exec(text); m; m = assignmentName.exec(text)) {
    if (!isSecretName(m[1])) continue;
    assignmentValue.lastIndex = m.index + m[0].length;
    if (!assignmentValue.exec(text)) continue;
    out += `${text.slice(done, m.index)}${m[1]}=${marker(labelOf(m[1]))}`;
    done = assignmentValue.lastIndex;
    assignmentName.lastIndex = done;
  }
  return done === 0 ? text : out + text.slice(done);
}

/** `text` with every secret recognised by its shape (flag, header, URL userinfo, secret-named key) redacted. */
export function redactShapes(text: string): string {
  let out = text.replace(flagRule, (_m, flag: string, sep: string) => `${flag}${sep}${marker(labelOf(flag))}`);
  if (out.includes('login')) out = out.replace(loginPasswordRule, (_m, head: string) => `${head}${marker('password')}`);
  out = out.replace(authorizationRule, (_m, head: string) => `${head}${marker('authorization')}`);
  out = out.replace(userinfoRule, (_m, scheme: string) => `${scheme}${marker('userinfo')}@`);
  const byName = (quote: string) => (whole: string, head: string, name: string) =>
    isSecretName(name) ? `${head}${quote}${marker(labelOf(name))}${quote}` : whole;
  out = out.replace(jsonKeyRule, byName('"'));
  out = out.replace(escapedJsonKeyRule, byName('\\"'));
  out = redactAssignments(out);
  out = out.replace(colonRule, (whole, name: string, sep: string) =>
    isSecretName(name) ? `${name}${sep}${marker(labelOf(name))}` : whole,
  );
  return out;
}

const AUTH_HEADER = /^(?:proxy-)?authorization$/i;

/**
 * argv with the values of secret flags redacted where flag and value are separate elements
 * (`['--password', 'x']`, `['login', '-u', 'dev', '-p', 'x']`, raw header pairs `['authorization', 'Bearer x']`).
 * Elements are not otherwise changed; the caller runs the text rules over each one.
 */
export function redactArgvShapes(argv: readonly string[]): string[] {
  const out = [...argv];
  const isLogin = argv.includes('login');
  for (let i = 0; i < out.length - 1; i++) {
    const arg = argv[i];
    if ((SECRET_FLAGS as readonly string[]).includes(arg) || (isLogin && arg === '-p')) {
      out[i + 1] = marker(arg === '-p' ? 'password' : labelOf(arg));
      i++;
    } else if (AUTH_HEADER.test(arg)) {
      const scheme = /^(Basic|Bearer|Token|Digest)\s+/i.exec(argv[i + 1])?.[0] ?? '';
      out[i + 1] = `${scheme}${marker('authorization')}`;
      i++;
    }
  }
  if (isLogin) {
    // `-pSECRET`, the glued form oc also accepts.
    for (let i = 0; i < out.length; i++) {
      if (/^-p=?[^=\s]/.test(out[i]) && !out[i].startsWith('-p[redacted')) {
        out[i] = `${out[i].startsWith('-p=') ? '-p=' : '-p'}${marker('password')}`;
      }
    }
  }
  return out;
}
