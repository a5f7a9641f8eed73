import { connect } from '../cli/context.js';
import { CliExit } from '../cli/io.js';
import { authorize } from '../api/authz.js';
import { resourceForKind } from '../api/resources.js';
import { rcPhase } from '../controllers/deploymentconfigs.js';
import { shortDuration } from '../printers/tabwriter.js';
import { readCluster } from '../store/session.js';
import type { OcCommand } from './command.js';

/** `oc status` (a condensed version of origin's project overview: routes → services → deployment configs). */
export const status: OcCommand = {
  path: ['status'],
  use: 'oc status [-o dot | --suggest ]',
  short: 'Show an overview of the current project',
  flags: [{ name: 'suggest', type: 'bool' }],
  async run(ctx) {
    const conn = await connect(ctx);
    const c = await readCluster(conn.scope);
    if (!c) throw new CliExit(1);
    const ns = conn.namespace;
    authorize(c, conn.user, 'list', resourceForKind('Pod')!, ns);
    if (!c.ns(ns)) throw new CliExit(1, `error: the project "${ns}" specified in your config does not exist.`);
    let out = `In project ${c.ns(ns)!.project.metadata.annotations?.['openshift.io/display-name'] || ns}${c.ns(ns)!.project.metadata.annotations?.['openshift.io/display-name'] ? ` (${ns})` : ''} on server ${conn.server}\n`;
    const dcs = c.list(ns, 'DeploymentConfig');
    const services = c.list(ns, 'Service');
    if (dcs.length === 0 && services.length === 0) {
      ctx.io.out(`${out}\nYou have no services, deployment configs, or build configs.\nRun 'oc new-app' to create an application.\n`);
      return 0;
    }
    for (const svc of services) {
      out += '\n';
      for (const r of c.list(ns, 'Route').filter((x) => x.spec?.to?.name === svc.metadata.name)) {
        const tls = r.spec?.tls ? `https://${r.spec.host}${r.spec.tls.insecureEdgeTerminationPolicy === 'Allow' ? ' (and http)' : ''}` : `http://${r.spec?.host}`;
        out += `${tls} (svc/${svc.metadata.name})\n`;
      }
      const dc = dcs.find((d) => Object.entries(svc.spec?.selector ?? {}).every(([k, v]) => d.spec?.selector?.[k] === v));
      const ports = (svc.spec?.ports ?? []).map((x: { port: number; targetPort?: unknown }) => `${x.port}${x.targetPort !== undefined && x.targetPort !== x.port ? `->${x.targetPort}` : ''}`).join(', ');
      out += `svc/${svc.metadata.name} - ${svc.spec?.clusterIP} ports ${ports}\n`;
      if (dc) out += dcLines(dc);
    }
    for (const dc of dcs.filter((d) => !services.some((svc) => Object.entries(svc.spec?.selector ?? {}).every(([k, v]) => d.spec?.selector?.[k] === v)))) out += `\n${dcLines(dc).replace(/^ {2}/gm, '')}`;
    out += "\n\nView details with 'oc describe <resource>/<name>' or list everything with 'oc get all'.\n";
    ctx.io.out(out);
    return 0;

    function dcLines(dc: (typeof dcs)[number]): string {
      const trigger = (dc.spec?.triggers ?? []).find((t: { type: string }) => t.type === 'ImageChange')?.imageChangeParams?.from?.name;
      const image = trigger ? `istag/${trigger}` : (dc.spec?.template?.spec?.containers?.[0]?.image ?? '');
      let s = `  dc/${dc.metadata.name} deploys ${image} \n`;
      const v = dc.status?.latestVersion ?? 0;
      if (v === 0) return `${s}    deployment #0 waiting on image or update\n`;
      const rc = c!.get(ns, 'ReplicationController', `${dc.metadata.name}-${v}`);
      const phase = (rcPhase(rc) ?? 'New').toLowerCase();
      const ago = rc ? shortDuration(c!.now - Date.parse(rc.metadata.creationTimestamp ?? '')) : '';
      const word = phase === 'complete' ? 'deployed' : phase === 'failed' ? 'failed' : 'running for';
      s += `    deployment #${v} ${word} ${ago}${phase === 'complete' ? ' ago' : ''} - ${rc?.status?.replicas ?? 0} pod${rc?.status?.replicas === 1 ? '' : 's'}\n`;
      return s;
    }
  },
};
