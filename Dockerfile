# 邻里 (Linli) in a container. The community's data and the WeChat login session live in the /data
# volume, never in the image: a new image (an upgrade) never touches them.
#   docker build -t linli .
#   docker run -d --name linli --restart unless-stopped -v linli-data:/data \
#     -p 127.0.0.1:8080:8080 --env-file linli.env linli
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run --silent build
ENV DB_FILE=/data/db.json \
    BOT_NAME=/data/linli \
    WEB_HOST=0.0.0.0 \
    WEB_PORT=8080
VOLUME ["/data"]
EXPOSE 8080
# SIGTERM lets the bot finish a write and release the db's lock (docker stop waits 10 s by default).
STOPSIGNAL SIGTERM
CMD ["npm", "start"]
