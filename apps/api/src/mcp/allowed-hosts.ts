import { type Env, trustedOrigins } from '../config/env.js';

/**
 * Host names /mcp answers to, against DNS rebinding: a web page cannot make a browser send our
 * Host header from an attacker's domain. Derived from configuration: localhost, the public web
 * origin(s), and MCP_ALLOWED_HOSTS (e.g. the in-cluster service name).
 */
export function mcpAllowedHosts(env: Env): Set<string> {
  const hosts = new Set(['localhost', '127.0.0.1', '[::1]']);
  for (const origin of trustedOrigins(env)) hosts.add(new URL(origin).hostname.toLowerCase());
  for (const host of env.MCP_ALLOWED_HOSTS ?? []) hosts.add(host);
  return hosts;
}

/** The hostname of a Host header without its port; IPv6 keeps its brackets. */
export function hostnameOf(hostHeader: string | undefined): string | undefined {
  if (!hostHeader) return undefined;
  try {
    return new URL(`http://${hostHeader}`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}
