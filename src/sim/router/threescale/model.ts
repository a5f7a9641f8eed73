/**
 * The simulated 3scale 2.4 "system database" of one install: the rows porta keeps in MySQL that the
 * Account Management API, the master API and APIcast's configuration read.
 */

/** An account: the master, a provider (tenant) or a developer (buyer) of a provider. */
export interface Account {
  id: number;
  /** The account that owns this one: master for providers, the provider for developers; null for master. */
  providerId: number | null;
  kind: 'master' | 'provider' | 'buyer';
  orgName: string;
  /** Providers only: the developer portal host `<subdomain>.<superdomain>`. */
  domain?: string;
  /** Providers only: the admin portal host `<subdomain>-admin.<superdomain>` (master: its own domain). */
  adminDomain?: string;
  state: 'approved' | 'pending' | 'scheduled_for_deletion';
  createdAt: string;
  updatedAt: string;
}

/** A user of an account. Passwords are kept only to say the user has one (never returned). */
export interface User {
  id: number;
  accountId: number;
  username: string;
  email: string;
  role: 'admin' | 'member';
  state: 'pending' | 'active' | 'suspended';
  password: string;
  createdAt: string;
  updatedAt: string;
}

/** A personal access token (scope account_management). */
export interface AccessToken {
  id: number;
  userId: number;
  name: string;
  scopes: string[];
  permission: 'rw' | 'ro';
  value: string;
}

/** A service (API product) with its proxy (one per service in 2.4). */
export interface Service {
  id: number;
  accountId: number;
  name: string;
  systemName: string;
  description: string;
  state: 'incomplete' | 'published';
  backendVersion: string;
  deploymentOption: string;
  /** The service token APIcast authenticates to the backend with (`backend_authentication_value`). */
  serviceToken: string;
  proxy: Proxy;
  createdAt: string;
  updatedAt: string;
}

/** APIcast settings of a service (porta's `proxies` row). */
export interface Proxy {
  id: number;
  endpoint: string;
  sandboxEndpoint: string;
  apiBackend: string;
  credentialsLocation: 'query' | 'headers' | 'authorization';
  authAppKey: string;
  authAppId: string;
  authUserKey: string;
  errorAuthFailed: string;
  errorAuthMissing: string;
  errorStatusAuthFailed: number;
  errorHeadersAuthFailed: string;
  errorStatusAuthMissing: number;
  errorHeadersAuthMissing: string;
  errorNoMatch: string;
  errorStatusNoMatch: number;
  errorHeadersNoMatch: string;
  secretToken: string;
  hostnameRewrite: string;
  apiTestPath: string;
  lockVersion: number;
  createdAt: string;
  updatedAt: string;
}

/** A metric of a service (`hits` and its methods). */
export interface Metric {
  id: number;
  serviceId: number;
  systemName: string;
  friendlyName: string;
  unit: string;
  description: string;
}

/** A mapping rule of a service's proxy. */
export interface MappingRule {
  id: number;
  serviceId: number;
  metricId: number;
  pattern: string;
  httpMethod: string;
  delta: number;
  position: number;
  last: boolean;
  createdAt: string;
  updatedAt: string;
}

/** An application plan of a service. */
export interface Plan {
  id: number;
  serviceId: number;
  name: string;
  systemName: string;
  state: 'hidden' | 'published';
  isDefault: boolean;
  approvalRequired: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A developer application (a user_key for one service, through one plan). */
export interface Application {
  id: number;
  accountId: number;
  serviceId: number;
  planId: number;
  name: string;
  description: string;
  state: 'live' | 'pending' | 'suspended';
  userKey: string;
  providerVerificationKey: string;
  createdAt: string;
  updatedAt: string;
}

/** A versioned APIcast configuration snapshot of one service for one environment. */
export interface ProxyConfig {
  id: number;
  serviceId: number;
  environment: 'sandbox' | 'production';
  version: number;
  /** The serialized service + proxy (what APIcast downloads), as porta stores it. */
  content: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

/** Table names whose rows carry a numeric id (each has its own auto-increment, like MySQL). */
export type Table = 'accounts' | 'users' | 'tokens' | 'services' | 'metrics' | 'mappingRules' | 'plans' | 'applications' | 'proxyConfigs' | 'proxies';

/** One install's whole database. */
export interface SystemDb {
  schema: 1;
  project: string;
  projectUid: string;
  superdomain: string;
  masterAccountId: number;
  nextIds: Record<Table, number>;
  accounts: Account[];
  users: User[];
  tokens: AccessToken[];
  services: Service[];
  metrics: Metric[];
  mappingRules: MappingRule[];
  plans: Plan[];
  applications: Application[];
  proxyConfigs: ProxyConfig[];
}

/** The next id of a table (and bumps the counter). */
export function nextId(db: SystemDb, table: Table): number {
  const id = db.nextIds[table] ?? 1;
  db.nextIds[table] = id + 1;
  return id;
}
