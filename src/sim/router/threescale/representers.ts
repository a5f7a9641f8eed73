import type { Doc } from './format.js';
import { railsTime, xmlList } from './format.js';
import type { AccessToken, Account, Application, MappingRule, Metric, Plan, Proxy, ProxyConfig, Service, SystemDb, User } from './model.js';

/** A user as `<user>` / `{"user":…}` (never the password). */
export function userDoc(user: User): Doc {
  return {
    root: 'user',
    fields: {
      id: user.id,
      created_at: railsTime(user.createdAt),
      updated_at: railsTime(user.updatedAt),
      account_id: user.accountId,
      state: user.state,
      role: user.role,
      username: user.username,
      email: user.email,
      extra_fields: '',
    },
  };
}

/** An account; providers also show their domains, and the XML lists the users. */
export function accountDoc(db: SystemDb, account: Account): Doc {
  const fields: Record<string, unknown> = {
    id: account.id,
    created_at: railsTime(account.createdAt),
    updated_at: railsTime(account.updatedAt),
    state: account.state,
    org_name: account.orgName,
    extra_fields: '',
    monthly_billing_enabled: true,
    monthly_charging_enabled: true,
    credit_card_stored: false,
  };
  if (account.kind !== 'buyer') {
    Object.assign(fields, {
      admin_domain: account.adminDomain,
      domain: account.domain,
      admin_base_url: `https://${account.adminDomain}`,
      base_url: `https://${account.domain}`,
    });
  }
  const users = db.users.filter((u) => u.accountId === account.id).map(userDoc);
  return { root: 'account', fields, xmlExtra: { users: xmlList(users) } };
}

/** A metric (`name` is the system name in 2.4's XML). */
export function metricDoc(metric: Metric): Doc {
  return {
    root: 'metric',
    fields: {
      id: metric.id,
      name: metric.systemName,
      system_name: metric.systemName,
      friendly_name: metric.friendlyName,
      service_id: metric.serviceId,
      description: metric.description,
      unit: metric.unit,
    },
  };
}

/** A service; the XML nests its metrics as 2.4 does. */
export function serviceDoc(db: SystemDb, service: Service): Doc {
  const metrics = db.metrics.filter((m) => m.serviceId === service.id).map(metricDoc);
  return {
    root: 'service',
    fields: {
      id: service.id,
      account_id: service.accountId,
      name: service.name,
      state: service.state,
      system_name: service.systemName,
      backend_version: service.backendVersion,
      deployment_option: service.deploymentOption,
      description: service.description,
      end_user_registration_required: true,
      created_at: railsTime(service.createdAt),
      updated_at: railsTime(service.updatedAt),
    },
    xmlExtra: { metrics: xmlList(metrics) },
  };
}

/** A mapping rule. */
export function mappingRuleDoc(rule: MappingRule): Doc {
  return {
    root: 'mapping_rule',
    fields: {
      id: rule.id,
      metric_id: rule.metricId,
      pattern: rule.pattern,
      http_method: rule.httpMethod,
      delta: rule.delta,
      position: rule.position,
      last: rule.last,
      created_at: railsTime(rule.createdAt),
      updated_at: railsTime(rule.updatedAt),
    },
  };
}

/** The proxy fields as porta serializes them (admin API and proxy config content alike). */
export function proxyFields(serviceId: number, proxy: Proxy): Record<string, unknown> {
  return {
    service_id: serviceId,
    endpoint: proxy.endpoint,
    api_backend: proxy.apiBackend,
    credentials_location: proxy.credentialsLocation,
    auth_app_key: proxy.authAppKey,
    auth_app_id: proxy.authAppId,
    auth_user_key: proxy.authUserKey,
    error_auth_failed: proxy.errorAuthFailed,
    error_auth_missing: proxy.errorAuthMissing,
    error_status_auth_failed: proxy.errorStatusAuthFailed,
    error_headers_auth_failed: proxy.errorHeadersAuthFailed,
    error_status_auth_missing: proxy.errorStatusAuthMissing,
    error_headers_auth_missing: proxy.errorHeadersAuthMissing,
    error_no_match: proxy.errorNoMatch,
    error_status_no_match: proxy.errorStatusNoMatch,
    error_headers_no_match: proxy.errorHeadersNoMatch,
    secret_token: proxy.secretToken,
    hostname_rewrite: proxy.hostnameRewrite,
    oauth_login_url: null,
    sandbox_endpoint: proxy.sandboxEndpoint,
    api_test_path: proxy.apiTestPath,
    created_at: railsTime(proxy.createdAt),
    updated_at: railsTime(proxy.updatedAt),
    lock_version: proxy.lockVersion,
  };
}

/** A service's proxy. */
export function proxyDoc(service: Service): Doc {
  return { root: 'proxy', fields: proxyFields(service.id, service.proxy) };
}

/** An application plan: `<plan custom default>` in XML, `application_plan` in JSON. */
export function planDoc(plan: Plan, format: 'xml' | 'json'): Doc {
  const common = {
    id: plan.id,
    name: plan.name,
    system_name: plan.systemName,
    state: plan.state,
    approval_required: plan.approvalRequired,
    setup_fee: '0.0',
    cost_per_month: '0.0',
    trial_period_days: null,
    cancellation_period: 0,
  };
  if (format === 'json') {
    return {
      root: 'application_plan',
      fields: { ...common, default: plan.isDefault, custom: false, created_at: railsTime(plan.createdAt), updated_at: railsTime(plan.updatedAt), service_id: plan.serviceId },
    };
  }
  return {
    root: 'plan',
    attrs: { custom: 'false', default: String(plan.isDefault) },
    fields: { ...common, type: 'application_plan', service_id: plan.serviceId, end_user_required: false },
  };
}

/** An application; the XML nests its plan. */
export function applicationDoc(db: SystemDb, app: Application, format: 'xml' | 'json'): Doc {
  const plan = db.plans.find((p) => p.id === app.planId);
  const fields: Record<string, unknown> = {
    id: app.id,
    created_at: railsTime(app.createdAt),
    updated_at: railsTime(app.updatedAt),
    state: app.state,
    user_account_id: app.accountId,
    first_traffic_at: null,
    first_daily_traffic_at: null,
    end_user_required: false,
    service_id: app.serviceId,
    user_key: app.userKey,
    provider_verification_key: app.providerVerificationKey,
  };
  if (format === 'json') {
    Object.assign(fields, { plan_id: app.planId, enabled: app.state === 'live', name: app.name, description: app.description });
    return { root: 'application', fields };
  }
  const planXml = plan ? planDoc(plan, 'xml') : undefined;
  return {
    root: 'application',
    fields,
    xmlExtra: {
      plan: planXml ? { ...Object.fromEntries(Object.entries(planXml.attrs ?? {}).map(([k, v]) => [`@_${k}`, v])), ...planXml.fields } : '',
      name: app.name,
      description: app.description,
      extra_fields: '',
    },
  };
}

/** An access token, as the master API signup shows it (the only time a value is shown). */
export function tokenDoc(token: AccessToken, format: 'xml' | 'json'): Doc {
  const scopes = format === 'json' ? token.scopes : { scope: token.scopes };
  return {
    root: 'access_token',
    fields: { id: token.id, name: token.name, scopes, permission: token.permission, value: token.value },
  };
}

/** A proxy config (JSON only in porta). */
export function proxyConfigJson(config: ProxyConfig): Record<string, unknown> {
  return {
    proxy_config: {
      id: config.id,
      version: config.version,
      environment: config.environment,
      content: config.content,
      created_at: railsTime(config.createdAt),
      updated_at: railsTime(config.updatedAt),
    },
  };
}
