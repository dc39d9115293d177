# syntax=docker/dockerfile:1
# Build stage: install production dependencies (DuckDB's binding is glibc-specific, so slim, not alpine).
FROM node:20-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

# Dashboard stage: bundles the page at / (vega-embed and vega-lite are dev dependencies; only the bundle ships).
FROM node:20-slim AS dashboard
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY src ./src
RUN npx tsx src/dashboard/build.ts

# Runtime stage: the source runs through tsx (a production dependency), as a non-root user.
FROM node:20-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 LAKE_DIR=/data/lake
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
COPY --from=dashboard /app/dist ./dist
COPY bin ./bin
RUN mkdir -p /data/lake && chown -R node:node /data
USER node
VOLUME ["/data/lake"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=120s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--import=tsx", "src/server.ts"]
