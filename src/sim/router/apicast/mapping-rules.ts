/** A mapping rule as APIcast reads it from `proxy.proxy_rules`. */
export interface ProxyRule {
  http_method: string;
  pattern: string;
  metric_system_name: string;
  delta: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * APIcast 3.4's matching (mapping_rule.lua): the path part is a prefix match unless it ends in `$`,
 * `{name}` placeholders match one path segment, and every `k=v` of the query part must be present.
 */
export function ruleMatches(rule: ProxyRule, method: string, path: string, query: URLSearchParams): boolean {
  if (rule.http_method.toUpperCase() !== method.toUpperCase()) return false;
  const [pathPattern, queryPattern] = rule.pattern.split('?', 2);
  const exact = pathPattern.endsWith('$');
  const body = exact ? pathPattern.slice(0, -1) : pathPattern;
  const source = body
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? '([\\w_.-]+)' : escapeRegExp(part)))
    .join('');
  if (!new RegExp(`^${source}${exact ? '$' : ''}`).test(path)) return false;
  if (!queryPattern) return true;
  for (const [key, value] of new URLSearchParams(queryPattern)) {
    if (!query.has(key)) return false;
    if (!/^\{[^}]+\}$/.test(value) && query.get(key) !== value) return false;
  }
  return true;
}
