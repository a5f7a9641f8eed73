import { isoSeconds } from '../clock.js';

/** Lines a container prints when it starts, by image family (enough for `oc logs` to look like the real thing). */
const STARTUP: Array<[RegExp, (name: string) => string[]]> = [
  [/mysql/, () => ['=> sourcing 20-validate-variables.sh ...', '=> sourcing 40-paas.sh ...', '---> Processing MySQL configuration files ...', '---> Initializing database ...', '---> Starting MySQL server with disabled networking ...']],
  [/redis/, () => ['1:C * # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo', '1:M * Running mode=standalone, port=6379.', '1:M * Ready to accept connections']],
  [/postgresql/, () => ['The files belonging to this database system will be owned by user "postgres".', 'LOG:  database system is ready to accept connections']],
  [/memcached/, () => ['memcached: listening on 0.0.0.0:11211']],
  [/apicast/, () => ['dnsmasq[1]: started, version 2.76 cachesize 1000', 'nginx: [notice] start worker processes']],
  [/\/system/, (n) => [`=> Booting Puma (${n})`, '=> Rails 4.2 application starting in production', 'Puma starting in cluster mode...']],
  [/backend/, (n) => [`3scale backend ${n} starting`, 'Listening on tcp://0.0.0.0:3000']],
  [/zync/, () => ['=> Booting Puma', 'Puma starting in single mode...', '* Listening on tcp://0.0.0.0:8080']],
];

/** The log lines of a container start. */
export function startupLines(image: string, container: string, now: number): string[] {
  const lines = STARTUP.find(([re]) => re.test(image))?.[1](container) ?? [`Starting ${container} ...`];
  return lines.map((l) => (l.startsWith('1:') ? `${l.slice(0, 4)}${isoSeconds(now)} ${l.slice(4)}` : l));
}
