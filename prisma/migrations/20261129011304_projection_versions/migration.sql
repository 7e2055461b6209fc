-- CreateTable
CREATE TABLE "ProjectionVersion" (
    "contractId" UUID NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "ProjectionVersion_pkey" PRIMARY KEY ("contractId")
);

-- AddForeignKey
ALTER TABLE "ProjectionVersion" ADD CONSTRAINT "ProjectionVersion_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;
