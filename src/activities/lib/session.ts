import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which cluster an activity's `oc` calls talk to. Every Minishift profile has its own kubeconfig
 * (`$MINISHIFT_HOME[/profiles/<p>]/machines/<p>_kubeconfig`), so installs on several VMs at once never share the
 * current context of one kubeconfig. Activity inputs carry it as `session`; the CLI runner applies it.
 */
export interface ClusterSession {
  kubeconfig?: string;
}

const storage = new AsyncLocalStorage<ClusterSession>();

/** Environment overrides of the session the current activity runs in. */
export function sessionEnv(): NodeJS.ProcessEnv {
  const session = storage.getStore();
  return session?.kubeconfig ? { KUBECONFIG: session.kubeconfig } : {};
}

/** Wraps an activity: an input's `session` applies to every CLI call the activity makes. */
export function withSession<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return (...args: A) => {
    const session = (args[0] as { session?: ClusterSession } | undefined)?.session;
    return session ? storage.run(session, () => fn(...args)) : fn(...args);
  };
}
