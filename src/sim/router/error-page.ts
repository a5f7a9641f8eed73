import type { SimResponse } from './http-types.js';

// The texts of OpenShift 3.11's router page (origin images/router/haproxy/conf/error-page-503.http);
// the markup around them is our own.
const PAGE = `<html>
  <head>
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <style type="text/css">
      body { font-family: "Helvetica Neue", Helvetica, Arial, sans-serif; margin: 4em 3em; color: #333333; }
      .alert { padding: 15px; border: 1px solid #8b8d8f; background-color: #f5f5f5; }
    </style>
  </head>
  <body>
    <div>
      <h1>Application is not available</h1>
      <p>The application is currently not serving requests at this endpoint. It may not have been started or is still starting.</p>

      <div class="alert alert-info">
        <p class="info">
          Possible reasons you are seeing this page:
        </p>
        <ul>
          <li>
            <strong>The host doesn't exist.</strong>
            Make sure the hostname was typed correctly and that a route matching this hostname exists.
          </li>
          <li>
            <strong>The host exists, but doesn't have a matching path.</strong>
            Check if the URL path was typed correctly and that the route was created using the desired path.
          </li>
          <li>
            <strong>Route and path matches, but all pods are down.</strong>
            Make sure that the resources exposed by this route (pods, services, deployment configs, etc) have at least one pod running.
          </li>
        </ul>
      </div>
    </div>
  </body>
</html>
`;

/** The router's own 503 "Application is not available" answer (unknown host, no path match, no ready pod). */
export function unavailablePage(): SimResponse {
  return {
    status: 503,
    headers: {
      pragma: 'no-cache',
      'cache-control': 'private, max-age=0, no-cache, no-store',
      connection: 'close',
      'content-type': 'text/html',
    },
    body: PAGE,
  };
}
