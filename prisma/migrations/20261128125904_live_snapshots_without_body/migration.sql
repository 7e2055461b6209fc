-- AlterTable
ALTER TABLE "ScoreSnapshot" ALTER COLUMN "body" DROP NOT NULL;
