-- AlterTable
ALTER TABLE "User" ADD COLUMN     "failedLogins" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lockedUntil" TIMESTAMP(3),
ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "StoredEvent" DROP CONSTRAINT "StoredEvent_pkey",
ADD CONSTRAINT "StoredEvent_pkey" PRIMARY KEY ("contractId", "source", "id");

-- AlterTable
ALTER TABLE "QuarantinedEvent" ADD COLUMN     "deliveryKey" TEXT;

-- AlterTable
ALTER TABLE "IngestToken" ADD COLUMN     "allContracts" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "contractIds" UUID[],
ADD COLUMN     "vendorId" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "QuarantinedEvent_deliveryKey_key" ON "QuarantinedEvent"("deliveryKey");

-- Tokens created before scopes existed could write to every contract: they stay admin-wide
-- (visible as such in the console) until an admin replaces them with scoped ones.
UPDATE "IngestToken" SET "allContracts" = true;
