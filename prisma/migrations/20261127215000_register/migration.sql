-- CreateEnum
CREATE TYPE "FrameworkItemKind" AS ENUM ('criterion', 'standard');

-- CreateEnum
CREATE TYPE "RegisterDecisionKind" AS ENUM ('decision', 'review');

-- CreateEnum
CREATE TYPE "RegisterOutcome" AS ENUM ('place', 'not_place', 'remove', 'confirm', 'change');

-- CreateEnum
CREATE TYPE "RegisterRequestStatus" AS ENUM ('awaiting_decision', 'overdue', 'decided', 'withdrawn');

-- AlterEnum
ALTER TYPE "RegisterStatus" ADD VALUE 'not_considered';

-- AlterTable
ALTER TABLE "Child" ADD COLUMN     "nextReviewOn" DATE;

-- AlterTable
ALTER TABLE "Concern" ADD COLUMN     "challengesDecisionId" TEXT,
ADD COLUMN     "challengesRecordVersionId" TEXT;

-- CreateTable
CREATE TABLE "FrameworkVersion" (
    "id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "illustrative" BOOLEAN NOT NULL,
    "changeSummary" TEXT NOT NULL,
    "publishedOn" DATE NOT NULL,
    "publishedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FrameworkVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FrameworkItem" (
    "id" TEXT NOT NULL,
    "frameworkVersionId" TEXT NOT NULL,
    "kind" "FrameworkItemKind" NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "FrameworkItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegisterDecision" (
    "id" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "childId" TEXT NOT NULL,
    "settingId" TEXT NOT NULL,
    "localAreaId" TEXT NOT NULL,
    "kind" "RegisterDecisionKind" NOT NULL,
    "outcome" "RegisterOutcome" NOT NULL,
    "statusAfter" "RegisterStatus" NOT NULL,
    "decidedOn" DATE NOT NULL,
    "nextReviewOn" DATE,
    "participants" JSONB NOT NULL,
    "evidence" TEXT NOT NULL,
    "reasons" JSONB NOT NULL,
    "summary" TEXT NOT NULL,
    "frameworkVersionId" TEXT NOT NULL,
    "retakesDecisionId" TEXT,
    "remedyCaseId" TEXT,
    "remedyId" TEXT,
    "overturned" BOOLEAN,
    "recordedById" TEXT NOT NULL,
    "recordedByLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RegisterDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegisterRequest" (
    "id" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "childId" TEXT NOT NULL,
    "settingId" TEXT NOT NULL,
    "localAreaId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "requesterKind" TEXT NOT NULL,
    "reasons" TEXT NOT NULL,
    "receivedOn" DATE NOT NULL,
    "dueOn" DATE NOT NULL,
    "calendar" TEXT NOT NULL,
    "status" "RegisterRequestStatus" NOT NULL DEFAULT 'awaiting_decision',
    "snapshot" JSONB NOT NULL,
    "decisionId" TEXT,
    "claimedUntil" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RegisterRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DevelopmentRecord" (
    "id" TEXT NOT NULL,
    "childId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DevelopmentRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DevelopmentRecordVersion" (
    "id" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "settingId" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "changeSummary" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "authorLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DevelopmentRecordVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartnerConfirmation" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "partner" TEXT NOT NULL,
    "confirmedById" TEXT NOT NULL,
    "confirmedByLabel" TEXT NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PartnerConfirmation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FrameworkVersion_number_key" ON "FrameworkVersion"("number");

-- CreateIndex
CREATE UNIQUE INDEX "FrameworkItem_frameworkVersionId_code_key" ON "FrameworkItem"("frameworkVersionId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "RegisterDecision_ref_key" ON "RegisterDecision"("ref");

-- CreateIndex
CREATE INDEX "RegisterDecision_childId_decidedOn_idx" ON "RegisterDecision"("childId", "decidedOn");

-- CreateIndex
CREATE INDEX "RegisterDecision_settingId_idx" ON "RegisterDecision"("settingId");

-- CreateIndex
CREATE INDEX "RegisterDecision_localAreaId_decidedOn_idx" ON "RegisterDecision"("localAreaId", "decidedOn");

-- CreateIndex
CREATE UNIQUE INDEX "RegisterRequest_ref_key" ON "RegisterRequest"("ref");

-- CreateIndex
CREATE UNIQUE INDEX "RegisterRequest_decisionId_key" ON "RegisterRequest"("decisionId");

-- CreateIndex
CREATE INDEX "RegisterRequest_status_dueOn_idx" ON "RegisterRequest"("status", "dueOn");

-- CreateIndex
CREATE INDEX "RegisterRequest_childId_idx" ON "RegisterRequest"("childId");

-- CreateIndex
CREATE INDEX "RegisterRequest_settingId_idx" ON "RegisterRequest"("settingId");

-- CreateIndex
CREATE UNIQUE INDEX "DevelopmentRecord_childId_key" ON "DevelopmentRecord"("childId");

-- CreateIndex
CREATE UNIQUE INDEX "DevelopmentRecordVersion_recordId_number_key" ON "DevelopmentRecordVersion"("recordId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "PartnerConfirmation_versionId_partner_key" ON "PartnerConfirmation"("versionId", "partner");

-- AddForeignKey
ALTER TABLE "Concern" ADD CONSTRAINT "Concern_challengesDecisionId_fkey" FOREIGN KEY ("challengesDecisionId") REFERENCES "RegisterDecision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Concern" ADD CONSTRAINT "Concern_challengesRecordVersionId_fkey" FOREIGN KEY ("challengesRecordVersionId") REFERENCES "DevelopmentRecordVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FrameworkItem" ADD CONSTRAINT "FrameworkItem_frameworkVersionId_fkey" FOREIGN KEY ("frameworkVersionId") REFERENCES "FrameworkVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegisterDecision" ADD CONSTRAINT "RegisterDecision_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegisterDecision" ADD CONSTRAINT "RegisterDecision_frameworkVersionId_fkey" FOREIGN KEY ("frameworkVersionId") REFERENCES "FrameworkVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegisterDecision" ADD CONSTRAINT "RegisterDecision_retakesDecisionId_fkey" FOREIGN KEY ("retakesDecisionId") REFERENCES "RegisterDecision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegisterRequest" ADD CONSTRAINT "RegisterRequest_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegisterRequest" ADD CONSTRAINT "RegisterRequest_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "RegisterDecision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DevelopmentRecord" ADD CONSTRAINT "DevelopmentRecord_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DevelopmentRecordVersion" ADD CONSTRAINT "DevelopmentRecordVersion_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "DevelopmentRecord"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartnerConfirmation" ADD CONSTRAINT "PartnerConfirmation_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DevelopmentRecordVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Register decisions, record versions and partner confirmations are append-only: history is
-- never rewritten (a change is a new row). The function comes from 20261127181943_audit_chain_v2.
CREATE TRIGGER "RegisterDecision_append_only"
  BEFORE UPDATE OR DELETE ON "RegisterDecision"
  FOR EACH ROW EXECUTE FUNCTION "refuse_append_only_change"();
CREATE TRIGGER "DevelopmentRecordVersion_append_only"
  BEFORE UPDATE OR DELETE ON "DevelopmentRecordVersion"
  FOR EACH ROW EXECUTE FUNCTION "refuse_append_only_change"();
CREATE TRIGGER "PartnerConfirmation_append_only"
  BEFORE UPDATE OR DELETE ON "PartnerConfirmation"
  FOR EACH ROW EXECUTE FUNCTION "refuse_append_only_change"();
CREATE TRIGGER "FrameworkItem_append_only"
  BEFORE UPDATE OR DELETE ON "FrameworkItem"
  FOR EACH ROW EXECUTE FUNCTION "refuse_append_only_change"();
