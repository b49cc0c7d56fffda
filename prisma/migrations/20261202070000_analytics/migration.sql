-- CreateTable
CREATE TABLE "TelemetrySample" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
    "nodeId" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "peerId" TEXT NOT NULL,
    "sessionId" TEXT,
    "direction" TEXT NOT NULL,
    "windowMs" INTEGER NOT NULL,
    "packets" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "bitrate" INTEGER NOT NULL,
    "packetsLost" INTEGER NOT NULL,
    "lossPercent" REAL NOT NULL,
    "jitterMs" REAL NOT NULL,
    "maxDelayMs" REAL NOT NULL,
    "nackCount" INTEGER NOT NULL,
    "pliCount" INTEGER NOT NULL,
    "firCount" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "AnalyticsEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL,
    "nodeId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "roomId" TEXT,
    "peerId" TEXT,
    "peerName" TEXT,
    "objectId" TEXT,
    "cause" TEXT NOT NULL,
    "data" TEXT NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ParticipantSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roomId" TEXT NOT NULL,
    "peerId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "userAgent" TEXT,
    "joinedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leftAt" DATETIME,
    "leaveReason" TEXT,
    "nodeId" TEXT NOT NULL DEFAULT 'local',
    "transportsConnectedAt" DATETIME,
    "firstMediaSentAt" DATETIME,
    "firstMediaReceivedAt" DATETIME,
    "relayed" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "ParticipantSession_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ParticipantSession" ("displayName", "id", "joinedAt", "leaveReason", "leftAt", "peerId", "roomId", "userAgent") SELECT "displayName", "id", "joinedAt", "leaveReason", "leftAt", "peerId", "roomId", "userAgent" FROM "ParticipantSession";
DROP TABLE "ParticipantSession";
ALTER TABLE "new_ParticipantSession" RENAME TO "ParticipantSession";
CREATE INDEX "ParticipantSession_roomId_idx" ON "ParticipantSession"("roomId");
CREATE INDEX "ParticipantSession_peerId_idx" ON "ParticipantSession"("peerId");
CREATE TABLE "new_Room" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastActiveAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "nodeId" TEXT NOT NULL DEFAULT 'local'
);
INSERT INTO "new_Room" ("createdAt", "id", "lastActiveAt") SELECT "createdAt", "id", "lastActiveAt" FROM "Room";
DROP TABLE "Room";
ALTER TABLE "new_Room" RENAME TO "Room";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "TelemetrySample_roomId_peerId_at_idx" ON "TelemetrySample"("roomId", "peerId", "at");

-- CreateIndex
CREATE INDEX "TelemetrySample_at_idx" ON "TelemetrySample"("at");

-- CreateIndex
CREATE INDEX "AnalyticsEvent_at_idx" ON "AnalyticsEvent"("at");

-- CreateIndex
CREATE INDEX "AnalyticsEvent_roomId_at_idx" ON "AnalyticsEvent"("roomId", "at");

-- CreateIndex
CREATE INDEX "AnalyticsEvent_type_at_idx" ON "AnalyticsEvent"("type", "at");
