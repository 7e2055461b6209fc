-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "acknowledgedBy" TEXT;
