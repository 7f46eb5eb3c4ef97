-- Register emails, subject access and erasure of register free text (docs/decisions/027).

-- Review reminders are sent once per review date: the sweeper stamps the review date it has
-- written to the family and the setting about, in the same transaction as the queued emails.
ALTER TABLE "Child" ADD COLUMN "reviewDueNoticeFor" DATE;
ALTER TABLE "Child" ADD COLUMN "reviewOverdueNoticeFor" DATE;
CREATE INDEX "Child_nextReviewOn_idx" ON "Child"("nextReviewOn");

-- Erasure redacts free text in the register's append-only rows and keeps the facts.
ALTER TABLE "RegisterDecision" ADD COLUMN "erasedAt" TIMESTAMP(3);
ALTER TABLE "RegisterRequest" ADD COLUMN "erasedAt" TIMESTAMP(3);
ALTER TABLE "DevelopmentRecordVersion" ADD COLUMN "erasedAt" TIMESTAMP(3);
ALTER TABLE "PartnerConfirmation" ADD COLUMN "erasedAt" TIMESTAMP(3);

-- The append-only triggers now let exactly one kind of UPDATE through: an erasure, which sets
-- "erasedAt" and may only replace free text by the erased marker (names by a pseudonym). Every
-- fact (who decided what, when, the outcome, the criteria cited, who took part and how, which
-- partner provides how much and how often, the links to remedies) must stay the same; DELETE is
-- still refused.
CREATE FUNCTION "register_erased_or_same"(new_text text, old_text text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT new_text IS NOT DISTINCT FROM old_text OR new_text = '[removed: personal data erased]' OR new_text LIKE 'Erased person %'
$$;

CREATE FUNCTION "register_erasure_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW."erasedAt" IS NOT NULL AND NEW.id = OLD.id AND NEW."createdAt" = OLD."createdAt" THEN
    IF TG_TABLE_NAME = 'RegisterDecision' THEN
      IF NEW.ref = OLD.ref AND NEW."childId" = OLD."childId" AND NEW."settingId" = OLD."settingId" AND NEW."localAreaId" = OLD."localAreaId"
         AND NEW.kind = OLD.kind AND NEW.outcome = OLD.outcome AND NEW."statusAfter" = OLD."statusAfter" AND NEW."decidedOn" = OLD."decidedOn"
         AND NEW."nextReviewOn" IS NOT DISTINCT FROM OLD."nextReviewOn" AND NEW."frameworkVersionId" = OLD."frameworkVersionId"
         AND NEW."retakesDecisionId" IS NOT DISTINCT FROM OLD."retakesDecisionId" AND NEW."remedyCaseId" IS NOT DISTINCT FROM OLD."remedyCaseId"
         AND NEW."remedyId" IS NOT DISTINCT FROM OLD."remedyId" AND NEW.overturned IS NOT DISTINCT FROM OLD.overturned
         AND NEW."recordedById" = OLD."recordedById" AND "register_erased_or_same"(NEW."recordedByLabel", OLD."recordedByLabel")
         AND "register_erased_or_same"(NEW.evidence, OLD.evidence) AND "register_erased_or_same"(NEW.summary, OLD.summary)
         AND jsonb_array_length(NEW.reasons) = jsonb_array_length(OLD.reasons)
         AND jsonb_array_length(NEW.participants) = jsonb_array_length(OLD.participants)
         AND NOT EXISTS (
           SELECT 1 FROM generate_series(0, jsonb_array_length(NEW.reasons) - 1) AS i
           WHERE NEW.reasons->i->'code' IS DISTINCT FROM OLD.reasons->i->'code'
              OR NOT "register_erased_or_same"(NEW.reasons->i->>'reason', OLD.reasons->i->>'reason'))
         AND NOT EXISTS (
           SELECT 1 FROM generate_series(0, jsonb_array_length(NEW.participants) - 1) AS i
           WHERE (NEW.participants->i) - 'name' IS DISTINCT FROM (OLD.participants->i) - 'name'
              OR NOT "register_erased_or_same"(NEW.participants->i->>'name', OLD.participants->i->>'name')) THEN
        RETURN NEW;
      END IF;
    END IF;
    IF TG_TABLE_NAME = 'DevelopmentRecordVersion' THEN
      IF NEW."recordId" = OLD."recordId" AND NEW.number = OLD.number AND NEW."settingId" = OLD."settingId" AND NEW."authorId" = OLD."authorId"
         AND "register_erased_or_same"(NEW."authorLabel", OLD."authorLabel") AND "register_erased_or_same"(NEW."changeSummary", OLD."changeSummary")
         AND "register_erased_or_same"(NEW.content->>'views', OLD.content->>'views') AND "register_erased_or_same"(NEW.content->>'aspirations', OLD.content->>'aspirations')
         AND "register_erased_or_same"(NEW.content->>'needs', OLD.content->>'needs') AND "register_erased_or_same"(NEW.content->>'outcomes', OLD.content->>'outcomes')
         AND "register_erased_or_same"(NEW.content->>'transitions', OLD.content->>'transitions')
         AND (NEW.content - 'views' - 'aspirations' - 'needs' - 'outcomes' - 'transitions' - 'support') = (OLD.content - 'views' - 'aspirations' - 'needs' - 'outcomes' - 'transitions' - 'support')
         AND jsonb_array_length(COALESCE(NEW.content->'support', '[]')) = jsonb_array_length(COALESCE(OLD.content->'support', '[]'))
         AND NOT EXISTS (
           SELECT 1 FROM generate_series(0, jsonb_array_length(COALESCE(NEW.content->'support', '[]')) - 1) AS i
           WHERE (NEW.content->'support'->i) - 'provision' IS DISTINCT FROM (OLD.content->'support'->i) - 'provision'
              OR NOT "register_erased_or_same"(NEW.content->'support'->i->>'provision', OLD.content->'support'->i->>'provision')) THEN
        RETURN NEW;
      END IF;
    END IF;
    IF TG_TABLE_NAME = 'PartnerConfirmation' THEN
      IF NEW."versionId" = OLD."versionId" AND NEW.partner = OLD.partner AND NEW."confirmedById" = OLD."confirmedById"
         AND "register_erased_or_same"(NEW."confirmedByLabel", OLD."confirmedByLabel")
         AND (NEW.note IS NULL OR "register_erased_or_same"(NEW.note, OLD.note)) THEN
        RETURN NEW;
      END IF;
    END IF;
  END IF;
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP;
END;
$$;

DROP TRIGGER "RegisterDecision_append_only" ON "RegisterDecision";
DROP TRIGGER "DevelopmentRecordVersion_append_only" ON "DevelopmentRecordVersion";
DROP TRIGGER "PartnerConfirmation_append_only" ON "PartnerConfirmation";
CREATE TRIGGER "RegisterDecision_append_only"
  BEFORE UPDATE OR DELETE ON "RegisterDecision"
  FOR EACH ROW EXECUTE FUNCTION "register_erasure_only"();
CREATE TRIGGER "DevelopmentRecordVersion_append_only"
  BEFORE UPDATE OR DELETE ON "DevelopmentRecordVersion"
  FOR EACH ROW EXECUTE FUNCTION "register_erasure_only"();
CREATE TRIGGER "PartnerConfirmation_append_only"
  BEFORE UPDATE OR DELETE ON "PartnerConfirmation"
  FOR EACH ROW EXECUTE FUNCTION "register_erasure_only"();

-- Timeline policies as data: a published version applies to cases opened on or after its
-- effective date; a case keeps the policy it started with (it is in the case's snapshot). Rows are
-- append-only: a change is a new version. The first row is the policy that was code until now
-- (machines/policy.ts POLICY_2026_11, checked equal by tests/integration/policies.test.ts).
CREATE TABLE "PolicyVersion" (
    "id" TEXT NOT NULL,
    "policyVersion" TEXT NOT NULL,
    "effectiveOn" DATE NOT NULL,
    "policy" JSONB NOT NULL,
    "changeSummary" TEXT NOT NULL,
    "publishedById" TEXT,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PolicyVersion_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "PolicyVersion_policyVersion_key" ON "PolicyVersion"("policyVersion");
CREATE UNIQUE INDEX "PolicyVersion_effectiveOn_key" ON "PolicyVersion"("effectiveOn");
CREATE TRIGGER "PolicyVersion_append_only"
  BEFORE UPDATE OR DELETE ON "PolicyVersion"
  FOR EACH ROW EXECUTE FUNCTION "refuse_append_only_change"();
INSERT INTO "PolicyVersion" ("id", "policyVersion", "effectiveOn", "policy", "changeSummary", "publishedById", "publishedAt") VALUES (
  'policy-2026-11', '2026-11', DATE '2000-01-01',
  '{"policyVersion":"2026-11","acknowledgeWorkingDays":5,"setting":{"respondWorkingDays":10,"maxExtensionWorkingDays":10},"localService":{"respondWorkingDays":20,"maxExtensionWorkingDays":20},"escalationWindowWorkingDays":20,"national":{"acknowledgeWorkingDays":5,"assessmentWorkingDays":20,"investigationWorkingDays":65,"commentsWorkingDays":10,"finalDecisionWorkingDays":10,"timeLimitMonths":12},"mediation":{"informationWorkingDays":3,"heldWithinCalendarDays":30,"certificateWorkingDays":3},"remedyDefaultWorkingDays":20,"warningPercents":[50,75,90],"fairness":{"maxPauseWorkingDays":20,"maxRespondentMediationOffersPerRung":1,"nationalReferralMonths":12,"longOpenAlertMonths":6,"failedRemedyWindowWorkingDays":20,"termDatesCoverCalendarDays":120}}',
  'The first timeline policy, in force from the start of the service.', NULL, TIMESTAMP '2026-11-01 00:00:00'
);
