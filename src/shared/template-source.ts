/** Where the 3scale OpenShift templates come from upstream (3scale/3scale-amp-openshift-templates). */
export const UPSTREAM_TEMPLATES_REPO = 'https://raw.githubusercontent.com/3scale/3scale-amp-openshift-templates';

/** True when the spec's `threescale.template` names a file rather than an upstream template. */
export function isTemplatePath(template: string): boolean {
  return template.includes('/') || /\.(ya?ml|json)$/.test(template);
}

/** The upstream git tag of a release: 2.4.0 → 2.4.0.GA (the tag scheme up to 2.11), 2.12.0 → 3scale-2.12.0-GA. */
export function upstreamTag(release: string): string {
  const [major, minor] = release.split('.').map(Number);
  const full = release.split('.').length === 2 ? `${release}.0` : release;
  return major === 2 && minor >= 12 ? `3scale-${full}-GA` : `${full}.GA`;
}

/**
 * Download URL of an upstream template for a release, e.g. amp/amp-eval-tech-preview.yml at tag 2.4.0.GA.
 * `base` is the repository's raw-file root, or a mirror laid out the same way (AMP_TEMPLATES_URL).
 */
export function upstreamTemplateUrl(name: string, release: string, base: string = UPSTREAM_TEMPLATES_REPO): string {
  return `${base.replace(/\/+$/, '')}/${upstreamTag(release)}/amp/${name}.yml`;
}
