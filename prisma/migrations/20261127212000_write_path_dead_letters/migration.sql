-- Issue 12 (docs/decisions/016): the write path keeps the hash chain's head on the case row,
-- deadlines and emails that keep failing go to a dead-letter state, and a deadline made moot by
-- a later event records why it was cancelled.

ALTER TYPE "DeadlineStatus" ADD VALUE IF NOT EXISTS 'dead';
ALTER TYPE "OutboxStatus" ADD VALUE IF NOT EXISTS 'dead';

ALTER TABLE "Case" ADD COLUMN "headHash" TEXT;
UPDATE "Case" c SET "headHash" = e.hash FROM "CaseEvent" e WHERE e."caseId" = c.id AND e.seq = c.version;

ALTER TABLE "Deadline" ADD COLUMN "cancelledReason" TEXT;
ALTER TABLE "Deadline" ADD COLUMN "deadAt" TIMESTAMP(3);
ALTER TABLE "OutboxMessage" ADD COLUMN "deadAt" TIMESTAMP(3);

CREATE INDEX "Deadline_status_caseId_idx" ON "Deadline"("status", "caseId");
