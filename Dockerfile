# mailhandler-doctor: the server (playground, JSON API, Slack, Teams, watcher) in a small non-root image.
# Build: docker build -t mailhandler-doctor .   Run: see docs/deploy.md (compose.yaml, deploy/kubernetes/).

# 1. Build: compile the TypeScript into dist/ and the SQLite driver where no prebuilt one fits, then keep only what
#    runs (npm prune drops the compiler, the test tools and the linter).
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends make g++ python3 \
  && rm -rf /var/lib/apt/lists/*
COPY . .
RUN npm ci --no-audit --no-fund && npm run build && npm prune --omit=dev --no-audit --no-fund

# 2. Run: node, the compiled code, its runtime packages and nothing else, as the unprivileged `node` user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3978 \
    DATA_DIR=/data \
    LOG_LEVEL=info
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/bin ./bin
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3978
# Liveness without curl: Node's own fetch against /healthz.
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself is PID 1's child-free process: SIGTERM reaches the server, which drains for up to 10 s.
CMD ["node", "dist/main.js"]
