/** Names a `tenants` lab gives a student's tenant and routes: derived from the student, so removal finds them again. */
export const tenantNames = (student: string) => ({
  /** org_name and admin username (the tenant's subdomain follows the org name). */
  orgName: student,
  username: student,
  /** 2.4 validates the admin email's format only. */
  email: (lab: string) => `${student}@${lab}.lab.example.com`,
  /** Route of the tenant's admin portal (`<subdomain>-admin.<domain>` → system-provider). */
  adminRoute: `${student}-admin`,
  /** Prefix of the Echo API gateway routes (`<prefix>-staging`). */
  echoRoutePrefix: `${student}-echo`,
  /** Every route a student owns, for removal. */
  routes: [`${student}-admin`, `${student}-echo-staging`, `${student}-echo-production`],
});
