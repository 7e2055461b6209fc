-- DropIndex
DROP INDEX "ScoreSnapshot_contractId_window_at_idx";

-- AlterTable
ALTER TABLE "ScoreSnapshot" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'live';

-- CreateIndex
CREATE INDEX "ScoreSnapshot_contractId_window_kind_at_idx" ON "ScoreSnapshot"("contractId", "window", "kind", "at");
