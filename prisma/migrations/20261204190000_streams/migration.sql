-- CreateTable
CREATE TABLE "StreamSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "streamId" TEXT NOT NULL,
    "peerId" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" DATETIME,
    "endReason" TEXT,
    "nodeId" TEXT NOT NULL DEFAULT 'local',
    "ownerKeyHash" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "StreamSample" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "streamId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "bitrate" INTEGER NOT NULL,
    "fps" REAL NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "packetLoss" REAL NOT NULL,
    "latency" REAL NOT NULL,
    "jitter" REAL NOT NULL,
    "audioLevel" REAL NOT NULL,
    "uploadKbps" INTEGER NOT NULL,
    "qualityLimitationReason" TEXT NOT NULL,
    "band" TEXT NOT NULL,
    "layers" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "StreamSession_streamId_startedAt_idx" ON "StreamSession"("streamId", "startedAt");

-- CreateIndex
CREATE INDEX "StreamSample_streamId_at_idx" ON "StreamSample"("streamId", "at");

-- CreateIndex
CREATE INDEX "StreamSample_at_idx" ON "StreamSample"("at");
