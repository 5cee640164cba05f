# syntax=docker/dockerfile:1

ARG NODE_IMAGE=node:20-bookworm-slim

# All dependencies, including the dev ones the build needs (Nest CLI, TypeScript).
# --ignore-scripts: no package the build or the runtime uses needs an install script.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund

# Compile to dist/ (nest-cli.json also copies src/cassandra/migrations/*.cql there), and the web client to
# client/dist/.
FROM deps AS build
COPY nest-cli.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY client ./client
RUN npm run build

# Runtime dependencies only, installed clean so no dev package leaks into the image.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM ${NODE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
# Files stay owned by root so the unprivileged process cannot modify its own code.
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/client/dist ./client/dist
USER node
EXPOSE 8000
# Slim images have no curl; Node 20 has fetch built in.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8000)+'/health/ready').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]
# Exec form: node gets SIGTERM directly and can shut down cleanly.
CMD ["node", "dist/main.js"]
