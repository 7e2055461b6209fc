-- AlterTable
ALTER TABLE "HistoryMark" ADD COLUMN     "claimedBy" UUID;
