# syntax=docker/dockerfile:1.7
# CareTrail images, one target per docker-compose service. `build` compiles everything once; the
# runtime targets (indexer, api, dashboard) keep production dependencies only and run as the
# unprivileged `node` user. `chain` and `deployer` are development tools by nature (a Hardhat chain and
# the deploy/seed scripts), so they run from the build stage, also as `node`.
ARG NODE_IMAGE=node:20.20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV HARDHAT_DISABLE_TELEMETRY_PROMPT=true NEXT_TELEMETRY_DISABLED=1 TZ=UTC
COPY . .
RUN npm ci --no-audit --no-fund && npx turbo run build
RUN chown -R node:node /app

FROM build AS chain
USER node
WORKDIR /app/contracts
EXPOSE 8545
HEALTHCHECK --interval=5s --timeout=3s --retries=20 CMD ["node", "/app/demo/docker/healthcheck.mjs", "rpc", "http://127.0.0.1:8545"]
CMD ["npx", "hardhat", "node", "--hostname", "0.0.0.0", "--port", "8545"]

FROM build AS deployer
USER node
CMD ["sh", "-c", "npm run deploy -w devstack && npm run seed -w demo -- --patients \"${DEMO_PATIENTS}\" --days \"${DEMO_DAYS}\" --out /data/demo --vault /data/vault"]

FROM build AS production-deps
RUN npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production TZ=UTC NEXT_TELEMETRY_DISABLED=1
COPY --from=production-deps --chown=node:node /app /app
USER node

FROM runtime AS indexer
CMD ["npm", "run", "start", "-w", "indexer"]

FROM runtime AS api
EXPOSE 4000
CMD ["node", "api/dist/main.js"]

FROM runtime AS dashboard
EXPOSE 3000
CMD ["npm", "run", "start", "-w", "dashboard", "--", "--hostname", "0.0.0.0", "--port", "3000"]
