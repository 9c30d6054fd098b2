# syntax=docker/dockerfile:1
# mas-ts container image (docs/deployment.md).
#
#   docker build -t mas-ts .
#   docker run --rm mas-ts --help
#
# Three stages: `build` compiles TypeScript with the dev dependencies, `prod-deps` installs only
# the production dependencies, and the runtime stage copies dist/, those node_modules,
# package.json and config/ into a slim image that runs as the unprivileged `node` user.

# Node LTS; the project needs >= 20.19 (package.json "engines"). Override with
# --build-arg NODE_IMAGE=node:24-bookworm-slim to move to the next LTS.
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build

FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Everything the service runs is owned by root and read-only to it; only /app/data (where the
# embedded PGlite database lives when no database is configured) belongs to `node`, so a volume
# mounted there starts out writable.
COPY --from=prod-deps /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY package.json ./
COPY config ./config
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# 8080: the `web` listener (discovery, OAuth 2.0, compat, pages); 8081: the `internal` listener
# (health, admin API), which should not be published beyond the host.
EXPOSE 8080 8081
# Slim images have no curl: ask node's built-in fetch. Needs a listener serving `health` on 8081,
# as config/docker.yaml and config/example.yaml have.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=6 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8081/health',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "/app/dist/src/main.js"]
CMD ["server"]
