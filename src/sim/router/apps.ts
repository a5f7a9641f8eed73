/** The simulated programs behind the template's Services. */
export type AppKind = 'system' | 'apicast-staging' | 'apicast-production' | 'backend-listener' | 'wildcard-router' | 'unknown';

function labelOf(labels: Record<string, string>, dotted: string, snake: string): string {
  return labels[dotted] ?? labels[snake] ?? '';
}

/**
 * Which program answers behind a Service, from the template's labels (2.4: `3scale.component` /
 * `3scale.component-element`; 2.6+: `threescale_component` / `threescale_component_element`),
 * else from the Service name.
 */
export function appKindOf(service: Record<string, unknown>): AppKind {
  const metadata = (service.metadata ?? {}) as { name?: string; labels?: Record<string, string> };
  const labels = metadata.labels ?? {};
  const component = labelOf(labels, '3scale.component', 'threescale_component');
  const element = labelOf(labels, '3scale.component-element', 'threescale_component_element');
  if (component === 'system' && /-ui$/.test(element)) return 'system';
  if (component === 'apicast' && element === 'staging') return 'apicast-staging';
  if (component === 'apicast' && element === 'production') return 'apicast-production';
  if (component === 'apicast' && element === 'wildcard-router') return 'wildcard-router';
  if (component === 'backend' && element === 'listener') return 'backend-listener';
  switch (metadata.name) {
    case 'system-provider':
    case 'system-master':
    case 'system-developer':
      return 'system';
    case 'apicast-staging':
      return 'apicast-staging';
    case 'apicast-production':
      return 'apicast-production';
    case 'backend-listener':
      return 'backend-listener';
    case 'apicast-wildcard-router':
      return 'wildcard-router';
    default:
      return 'unknown';
  }
}
