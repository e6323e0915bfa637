# Build once, run the API or the worker from the same image (see docker-compose.yml).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# Memory settings measured in bench/README.md ("API memory"), for every process of the image
# (the worker too): fewer glibc arenas, large blocks (argon2id's 19 MiB) always returned to the
# system, a 2 MB young generation. The cluster primary adds them, and --heap-growing-percent=30,
# to each API process it starts (src/cluster/production-runtime.ts).
ENV MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072 NODE_OPTIONS=--max-semi-space-size=2
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma ./prisma
USER node
EXPOSE 3000
# One API process per core (WEB_CONCURRENCY: set it to the container's CPU limit, which Node does
# not see), as `npm run start:prod`.
CMD ["node", "dist/cluster.js"]
