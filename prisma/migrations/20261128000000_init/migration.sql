-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "ServiceType" AS ENUM ('infrastructure', 'software_development', 'it_support', 'cybersecurity', 'cloud');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'manager', 'vendor');

-- CreateEnum
CREATE TYPE "Priority" AS ENUM ('P1', 'P2', 'P3', 'P4');

-- CreateTable
CREATE TABLE "Vendor" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Vendor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Contract" (
    "id" UUID NOT NULL,
    "vendorId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "serviceType" "ServiceType" NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3),
    "sla" JSONB NOT NULL,
    "targets" JSONB NOT NULL DEFAULT '{}',
    "weights" JSONB NOT NULL DEFAULT '{}',
    "calendar" JSONB,
    "ownerEmail" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Contract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "vendorId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StoredEvent" (
    "source" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "contractId" UUID NOT NULL,
    "subjectId" TEXT NOT NULL,
    "time" TIMESTAMP(3) NOT NULL,
    "data" JSONB NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoredEvent_pkey" PRIMARY KEY ("source","id")
);

-- CreateTable
CREATE TABLE "Ticket" (
    "contractId" UUID NOT NULL,
    "ticketId" TEXT NOT NULL,
    "priority" "Priority",
    "title" TEXT,
    "openedAt" TIMESTAMP(3),
    "respondedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3)[],
    "reopenedAt" TIMESTAMP(3)[],
    "relevantUntil" TIMESTAMP(3),
    "firstResponseDueAt" TIMESTAMP(3),
    "resolutionDueAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Ticket_pkey" PRIMARY KEY ("contractId","ticketId")
);

-- CreateTable
CREATE TABLE "Deliverable" (
    "contractId" UUID NOT NULL,
    "deliverableId" TEXT NOT NULL,
    "title" TEXT,
    "dueAt" TIMESTAMP(3),
    "submittedAt" TIMESTAMP(3),
    "reviews" JSONB NOT NULL DEFAULT '[]',
    "firstReviewAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Deliverable_pkey" PRIMARY KEY ("contractId","deliverableId")
);

-- CreateTable
CREATE TABLE "Feedback" (
    "contractId" UUID NOT NULL,
    "feedbackId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "csat" INTEGER,
    "nps" INTEGER,
    "subjectId" TEXT,
    "comment" TEXT,

    CONSTRAINT "Feedback_pkey" PRIMARY KEY ("contractId","feedbackId")
);

-- CreateTable
CREATE TABLE "ScoreSnapshot" (
    "id" BIGSERIAL NOT NULL,
    "contractId" UUID NOT NULL,
    "window" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "score" DOUBLE PRECISION,
    "band" TEXT,
    "body" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScoreSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" UUID NOT NULL,
    "contractId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "raisedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" TIMESTAMP(3),

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuarantinedEvent" (
    "id" BIGSERIAL NOT NULL,
    "source" TEXT,
    "eventId" TEXT,
    "reason" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "replayedAt" TIMESTAMP(3),

    CONSTRAINT "QuarantinedEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Vendor_name_key" ON "Vendor"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Contract_vendorId_name_key" ON "Contract"("vendorId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "StoredEvent_seq_key" ON "StoredEvent"("seq");

-- CreateIndex
CREATE INDEX "StoredEvent_contractId_subjectId_idx" ON "StoredEvent"("contractId", "subjectId");

-- CreateIndex
CREATE INDEX "Ticket_contractId_relevantUntil_idx" ON "Ticket"("contractId", "relevantUntil");

-- CreateIndex
CREATE INDEX "Ticket_firstResponseDueAt_idx" ON "Ticket"("firstResponseDueAt");

-- CreateIndex
CREATE INDEX "Ticket_resolutionDueAt_idx" ON "Ticket"("resolutionDueAt");

-- CreateIndex
CREATE INDEX "Deliverable_contractId_dueAt_idx" ON "Deliverable"("contractId", "dueAt");

-- CreateIndex
CREATE INDEX "Deliverable_contractId_submittedAt_idx" ON "Deliverable"("contractId", "submittedAt");

-- CreateIndex
CREATE INDEX "Deliverable_contractId_firstReviewAt_idx" ON "Deliverable"("contractId", "firstReviewAt");

-- CreateIndex
CREATE INDEX "Feedback_contractId_at_idx" ON "Feedback"("contractId", "at");

-- CreateIndex
CREATE INDEX "ScoreSnapshot_contractId_window_at_idx" ON "ScoreSnapshot"("contractId", "window", "at");

-- CreateIndex
CREATE INDEX "Alert_contractId_raisedAt_idx" ON "Alert"("contractId", "raisedAt");

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Vendor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Vendor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deliverable" ADD CONSTRAINT "Deliverable_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoreSnapshot" ADD CONSTRAINT "ScoreSnapshot_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

