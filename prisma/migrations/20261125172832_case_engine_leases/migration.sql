-- AlterTable
ALTER TABLE "Deadline" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "claimedUntil" TIMESTAMP(3),
ADD COLUMN     "lastError" TEXT;

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "transport" TEXT;

-- CreateIndex
CREATE INDEX "Deadline_caseId_status_idx" ON "Deadline"("caseId", "status");

