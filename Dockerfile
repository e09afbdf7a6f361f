# syntax=docker/dockerfile:1
# Build stage: install everything, compile TypeScript, then drop the development dependencies.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY connectors ./connectors
RUN npm run build && npm prune --omit=dev

# Runtime stage: Node 22 LTS, production dependencies and compiled code only, as the unprivileged `node` user.
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
COPY --chown=node:node bin ./bin
COPY --chown=node:node mappings ./mappings
COPY --chown=node:node examples ./examples
USER node
# The workspace file is mounted at /config/cosell.yaml (see docker-compose.yml).
ENV COSELL_CONFIG=/config/cosell.yaml
ENTRYPOINT ["node", "bin/cosell.js"]
CMD ["worker"]
