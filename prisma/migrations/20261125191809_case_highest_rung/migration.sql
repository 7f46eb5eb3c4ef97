-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "highestRung" INTEGER NOT NULL DEFAULT 0;

-- Existing cases: the highest rung their history shows they reached.
UPDATE "Case" c SET "highestRung" = GREATEST(
  COALESCE(c."rung", 0),
  CASE
    WHEN EXISTS (SELECT 1 FROM "CaseEvent" e WHERE e."caseId" = c.id AND e."toState" LIKE 'ladder.national%') THEN 3
    WHEN EXISTS (SELECT 1 FROM "CaseEvent" e WHERE e."caseId" = c.id AND e."toState" LIKE 'ladder.localService%') THEN 2
    ELSE 1
  END
);
