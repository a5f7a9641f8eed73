/** Fixed texts of minishift v1.34.3 (cmd/minishift/cmd/*.go) and of `oc cluster up` as minishift relays it. */

export const MINISHIFT_VERSION = 'minishift v1.34.3+4b58f89';
export const OPENSHIFT_VERSION = 'v3.11.0';
/** First line of `docker exec origin openshift version` (shown by `minishift status`). */
export const OPENSHIFT_BUILD = 'openshift v3.11.0+57f8760-31';
export const ISO_URL = 'https://github.com/minishift/minishift-centos-iso/releases/download/v1.16.0/minishift-centos7.iso';

export const notRunning = (profile: string): string => `Running this command requires a running '${profile}' VM, but no VM is running.`;
export const notDefined = (profile: string): string => `Running this command requires an existing '${profile}' VM, but no VM is defined.`;

/** The pre-flight checks before the VM exists, per driver. */
export function driverChecks(driver: string): string[] {
  if (driver === 'kvm') {
    return [
      "-- Checking if KVM driver is installed ... ",
      '   Driver is available at /usr/local/bin/docker-machine-driver-kvm ... ',
      '   Checking driver binary is executable ... OK',
      '-- Checking if Libvirt is installed ... OK',
      '-- Checking if Libvirt default network is present ... OK',
      '-- Checking if Libvirt default network is active ... OK',
    ];
  }
  if (driver === 'virtualbox') return ['-- Checking if VirtualBox is installed ... OK'];
  return [];
}

/** Drivers minishift accepts on Linux. */
export const LINUX_DRIVERS = ['kvm', 'virtualbox', 'generic'];

/** The components `oc cluster up` adds on a first start (printed in Go map order, i.e. shuffled). */
export const CLUSTER_UP_COMPONENTS = ['centos-imagestreams', 'persistent-volumes', 'registry', 'router', 'sample-templates', 'web-console'];

function glog(now: Date, pid: number, file: string, msg: string): string {
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const us = String(now.getMilliseconds() * 1000 + Math.floor(Math.random() * 1000)).padStart(6, '0');
  return `I${p2(now.getMonth() + 1)}${p2(now.getDate())} ${p2(now.getHours())}:${p2(now.getMinutes())}:${p2(now.getSeconds())}.${us}    ${pid} ${file}] ${msg}`;
}

/** The `oc cluster up` output minishift prints after "-- Starting OpenShift cluster ...". */
export function clusterUpOutput(ip: string, firstStart: boolean): string {
  const now = new Date();
  const pid = 2000 + Math.floor(Math.random() * 3000);
  const components = [...CLUSTER_UP_COMPONENTS].sort(() => Math.random() - 0.5);
  const lines = [
    'Getting a Docker client ...',
    'Checking if image openshift/origin-control-plane:v3.11.0 is available ...',
    'Checking type of volume mount ...',
    'Determining server IP ...',
    `Using public hostname IP ${ip} as the host IP`,
    'Checking if OpenShift is already running ...',
    'Checking for supported Docker version (=>1.22) ...',
    'Checking if insecured registry is configured properly in Docker ...',
    'Checking if required ports are available ...',
    'Checking if OpenShift client is configured properly ...',
    'Checking if image openshift/origin-control-plane:v3.11.0 is available ...',
    'Starting OpenShift using openshift/origin-control-plane:v3.11.0 ...',
    glog(now, pid, 'config.go:40', 'Running "create-master-config"'),
    glog(now, pid, 'config.go:46', 'Running "create-node-config"'),
    glog(now, pid, 'flags.go:30', 'Running "create-kubelet-flags"'),
    glog(now, pid, 'run_kubelet.go:49', 'Running "start-kubelet"'),
    glog(now, pid, 'run_self_hosted.go:181', 'Waiting for the kube-apiserver to be ready ...'),
    glog(now, pid, 'interface.go:26', 'Installing "kube-proxy" ...'),
    glog(now, pid, 'interface.go:26', 'Installing "kube-dns" ...'),
    glog(now, pid, 'interface.go:26', 'Installing "openshift-service-cert-signer-operator" ...'),
    glog(now, pid, 'interface.go:26', 'Installing "openshift-apiserver" ...'),
    glog(now, pid, 'interface.go:41', 'Finished installing "kube-proxy" "kube-dns" "openshift-service-cert-signer-operator" "openshift-apiserver"'),
  ];
  if (firstStart) {
    lines.push('Adding default OAuthClient redirect URIs ...', ...components.map((c) => `Adding ${c} ...`));
    for (const c of components) lines.push(glog(now, pid, 'interface.go:26', `Installing "${c}" ...`));
    lines.push(glog(now, pid, 'interface.go:41', `Finished installing ${components.map((c) => `"${c}"`).join(' ')}`));
  }
  lines.push('Login to server ...');
  if (firstStart) lines.push('Creating initial project "myproject" ...');
  lines.push(
    'Server Information ...',
    'OpenShift server started.',
    '',
    'The server is accessible via web console at:',
    `    https://${ip}:8443`,
    '',
    'You are logged in as:',
    '    User:     developer',
    '    Password: <any value>',
    '',
    'To login as administrator:',
    '    oc login -u system:admin',
    '',
  );
  return lines.join('\n');
}

/** `8GB` → `8 GB`, `4096` (MB) → `4 GB`, as the "will be configured with" block prints sizes. */
export function humanSize(mb: number): string {
  return mb % 1024 === 0 ? `${mb / 1024} GB` : `${mb} MB`;
}

/** Parses minishift's size flags: `<n>GB`/`<n>MB` (also G/M), bare number = MB; undefined when invalid. */
export function parseSizeMb(value: string): number | undefined {
  const m = /^(\d+)\s*(gb|g|mb|m)?$/i.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] && m[2].toLowerCase().startsWith('g') ? n * 1024 : n;
}
