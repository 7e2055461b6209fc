-- CreateTable
CREATE TABLE "WorkerHeartbeat" (
    "memberId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkerHeartbeat_pkey" PRIMARY KEY ("memberId")
);
