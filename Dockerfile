FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends git ca-certificates && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
# `npm ci` compiles docflow into dist/ (the prepare script) with the devDependencies, which are then dropped.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --no-audit --no-fund
USER node
ENV NODE_ENV=production
EXPOSE 3000
CMD ["npm", "run", "api"]
