# syntax=docker/dockerfile:1
# Build stage: compiles TypeScript and better-sqlite3's native addon.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

# Runtime stage: only what runs; node runs as the unprivileged `node` user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DATABASE_PATH=/data/telecalbot.db \
    HEALTH_PORT=8080
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY migrations ./migrations
COPY --chmod=0755 docker/entrypoint.sh /usr/local/bin/entrypoint.sh
# Enough for a fresh Docker volume, which copies this folder's owner; a fly volume hides it.
RUN mkdir -p /data && chown node:node /data
# No `USER node`: the container starts as root so that the entrypoint can hand a root-owned volume
# (fly mounts /data owned by root) to `node`; it then drops to `node` with setpriv before exec'ing
# the CMD. Started with another user (e.g. `docker run --user`), the entrypoint changes nothing.
EXPOSE 8080
VOLUME ["/data"]
ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]
# The entrypoint execs node, so node is PID 1 and receives SIGTERM directly (no npm wrapper, no
# shell in between) and shuts down within 10 s.
CMD ["node", "dist/src/main.js"]
