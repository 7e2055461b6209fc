-- CreateEnum
CREATE TYPE "ConnectorTool" AS ENUM ('github', 'jira', 'zendesk', 'servicenow');

-- AlterTable
ALTER TABLE "QuarantinedEvent" ADD COLUMN     "origin" TEXT NOT NULL DEFAULT 'pipeline',
ADD COLUMN     "tool" TEXT;

-- CreateTable
CREATE TABLE "ConnectorSource" (
    "id" UUID NOT NULL,
    "tool" "ConnectorTool" NOT NULL,
    "externalKey" TEXT NOT NULL,
    "contractId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConnectorSource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VendorAccount" (
    "id" UUID NOT NULL,
    "vendorId" UUID NOT NULL,
    "tool" "ConnectorTool" NOT NULL,
    "account" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VendorAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConnectorSecret" (
    "id" UUID NOT NULL,
    "tool" "ConnectorTool" NOT NULL,
    "label" TEXT NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ConnectorSecret_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IngestToken" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "IngestToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RefreshToken" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "RefreshToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" UUID,
    "actorEmail" TEXT,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "ip" TEXT,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ConnectorSource_contractId_idx" ON "ConnectorSource"("contractId");

-- CreateIndex
CREATE UNIQUE INDEX "ConnectorSource_tool_externalKey_key" ON "ConnectorSource"("tool", "externalKey");

-- CreateIndex
CREATE INDEX "VendorAccount_vendorId_idx" ON "VendorAccount"("vendorId");

-- CreateIndex
CREATE UNIQUE INDEX "VendorAccount_tool_account_key" ON "VendorAccount"("tool", "account");

-- CreateIndex
CREATE INDEX "ConnectorSecret_tool_idx" ON "ConnectorSecret"("tool");

-- CreateIndex
CREATE UNIQUE INDEX "IngestToken_tokenHash_key" ON "IngestToken"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "RefreshToken_tokenHash_key" ON "RefreshToken"("tokenHash");

-- CreateIndex
CREATE INDEX "RefreshToken_userId_idx" ON "RefreshToken"("userId");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_actorId_idx" ON "AuditLog"("actorId");
