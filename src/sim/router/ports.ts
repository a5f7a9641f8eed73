/** The router's ports for a user who may not bind 80/443 (a spec can name them before the VM exists). */
export const NON_ROOT_HTTP_PORT = 10080;
export const NON_ROOT_HTTPS_PORT = 10443;

/** The ports the router of this user listens on (when free). */
export function routerPorts(): { httpPort: number; httpsPort: number } {
  return process.getuid?.() === 0 ? { httpPort: 80, httpsPort: 443 } : { httpPort: NON_ROOT_HTTP_PORT, httpsPort: NON_ROOT_HTTPS_PORT };
}
