-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "dedupeKey" TEXT;

-- AlterTable
ALTER TABLE "QuarantinedEvent" ADD COLUMN     "sourceOffset" TEXT;

-- CreateTable
CREATE TABLE "ClockCheckpoint" (
    "name" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClockCheckpoint_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE UNIQUE INDEX "Alert_dedupeKey_key" ON "Alert"("dedupeKey");

-- CreateIndex
CREATE UNIQUE INDEX "QuarantinedEvent_sourceOffset_key" ON "QuarantinedEvent"("sourceOffset");

-- CreateIndex
CREATE INDEX "QuarantinedEvent_origin_createdAt_idx" ON "QuarantinedEvent"("origin", "createdAt");
