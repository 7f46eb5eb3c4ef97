-- Work queues, complaints leads, urgent concerns (docs/decisions/024).

-- AlterTable
ALTER TABLE "User" ADD COLUMN "complaintsLead" TEXT;

-- AlterTable
ALTER TABLE "Case" ADD COLUMN "urgent" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "owed" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN "handlerId" TEXT;

-- Backfill from each case's own snapshot, as the machine's view derives them (machines/view.ts owedActions):
-- clocks still owed (running or missed, not paused; not the six-month alert), the case's and its mediation's,
-- and the latest handler recorded for the rung the case is on. No case was urgent before this release.
UPDATE "Case" c SET
  "owed" = COALESCE((
    SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object('key', k.value->>'key', 'kind', k.value->>'kind', 'owedBy', k.value->'owedBy',
                                                          'dueOn', k.value->>'dueOn', 'missedOn', k.value->>'breachedOn'))
                     ORDER BY k.value->>'dueOn', k.value->>'key')
      FROM (SELECT value FROM jsonb_each(COALESCE(c.snapshot->'context'->'clocks', '{}'::jsonb))
            UNION ALL
            SELECT value FROM jsonb_each(COALESCE(c.snapshot->'children'->'mediation'->'snapshot'->'context'->'clocks', '{}'::jsonb))) k
     WHERE k.value->'paused' IS NULL AND k.value->>'key' <> 'case.longOpen'), '[]'::jsonb),
  "handlerId" = (
    SELECT h.value->>'handlerId'
      FROM jsonb_array_elements(COALESCE(c.snapshot->'context'->'handlers', '[]'::jsonb)) WITH ORDINALITY AS h(value, ord)
     WHERE (h.value->>'rung')::int = c.rung
     ORDER BY h.ord DESC LIMIT 1);
