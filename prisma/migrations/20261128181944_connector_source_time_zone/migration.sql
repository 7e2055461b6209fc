-- AlterTable
ALTER TABLE "ConnectorSource" ADD COLUMN     "timeZone" TEXT;
