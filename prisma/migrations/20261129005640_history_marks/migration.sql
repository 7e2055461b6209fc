-- CreateTable
CREATE TABLE "HistoryMark" (
    "contractId" UUID NOT NULL,
    "dirtySince" TIMESTAMP(3),
    "rebuildingSince" TIMESTAMP(3),
    "claimedUntil" TIMESTAMP(3),

    CONSTRAINT "HistoryMark_pkey" PRIMARY KEY ("contractId")
);

-- AddForeignKey
ALTER TABLE "HistoryMark" ADD CONSTRAINT "HistoryMark_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;
