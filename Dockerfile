# The amp-installer worker, for the production-like stack in docker-compose.yml.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bench ./bench
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
# oc 3.11 (the client Minishift 1.34 ships); the worker runs it for every install step.
ARG OC_URL=https://github.com/openshift/origin/releases/download/v3.11.0/openshift-origin-client-tools-v3.11.0-0cbc58b-linux-64bit.tar.gz
ADD ${OC_URL} /tmp/oc.tar.gz
RUN tar -xzf /tmp/oc.tar.gz -C /usr/local/bin --strip-components=1 --wildcards '*/oc' && rm /tmp/oc.tar.gz
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/lib ./lib
COPY package.json ./
COPY bin ./bin
USER node
ENV AMP_DATA_DIR=/data
VOLUME ["/data"]
ENTRYPOINT ["node", "bin/amp-installer.js"]
CMD ["worker"]
