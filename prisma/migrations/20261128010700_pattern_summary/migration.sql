-- Monthly summaries of the CaseFact read model for England-wide views (docs/decisions/028).
-- One row per (dimension, month received, route, group): the sums the patterns tables need, so
-- a national view reads a few thousand rows instead of every case of the year. Timeliness
-- percentiles come from "PatternDays": how many cases took each number of working days.
-- Kept exact without hot rows on the write path: statement-level triggers on "CaseFact" only
-- APPEND each changed fact (old row -1, new row +1) to the insert-only "PatternDelta", in the
-- same transaction as the fact change, whoever writes it (the write path's one statement, the
-- ORM path, the backfill, the generator's bulk insert). pattern_summary_fold() (the sweeper's
-- tick, `npm run sweep`) moves deltas into the summaries; readers read "PatternSummaryLive" /
-- "PatternDaysLive": the summaries plus the deltas not yet folded, in one snapshot. The group
-- expressions below must stay those of FACT_GROUP in app/utils/patterns.server.ts;
-- tests/integration/pattern-summary.test.ts proves the totals equal CaseFact's on both engines.

CREATE TABLE "PatternSummary" (
  "dimension" text NOT NULL,
  "month" date NOT NULL,
  "route" "Route" NOT NULL,
  "groupKey" text NOT NULL,
  "received" integer NOT NULL DEFAULT 0,
  "reached2" integer NOT NULL DEFAULT 0,
  "reached3" integer NOT NULL DEFAULT 0,
  "decided1" integer NOT NULL DEFAULT 0,
  "upheld1" integer NOT NULL DEFAULT 0,
  "decided2" integer NOT NULL DEFAULT 0,
  "upheld2" integer NOT NULL DEFAULT 0,
  "decided3" integer NOT NULL DEFAULT 0,
  "upheld3" integer NOT NULL DEFAULT 0,
  "concluded" integer NOT NULL DEFAULT 0,
  "resolvedLocally" integer NOT NULL DEFAULT 0,
  "remediesDone" integer NOT NULL DEFAULT 0,
  "remediesSettled" integer NOT NULL DEFAULT 0,
  "onTime1" integer NOT NULL DEFAULT 0,
  "extended" integer NOT NULL DEFAULT 0,
  "breached" integer NOT NULL DEFAULT 0,
  "breaches" integer NOT NULL DEFAULT 0,
  "mediationOffered" integer NOT NULL DEFAULT 0,
  "mediationAgreed" integer NOT NULL DEFAULT 0,
  PRIMARY KEY ("dimension", "month", "route", "groupKey")
);

CREATE TABLE "PatternDays" (
  "dimension" text NOT NULL,
  "month" date NOT NULL,
  "route" "Route" NOT NULL,
  "groupKey" text NOT NULL,
  "rung" smallint NOT NULL,
  "days" integer NOT NULL,
  "n" integer NOT NULL DEFAULT 0,
  PRIMARY KEY ("dimension", "month", "route", "groupKey", "rung", "days")
);


-- The fact changes not yet folded into the summaries: the CaseFact columns the summaries read,
-- with `sign` +1 (a row added) or -1 (a row taken away). Insert-only on the write path: every
-- case writer appends its own rows, so concurrent writers share no row and wait on no lock.
CREATE TABLE "PatternDelta" (
  "id" bigserial PRIMARY KEY,
  "sign" smallint NOT NULL,
  "route" "Route" NOT NULL,
  "localAreaId" text NOT NULL,
  "settingKind" "SettingKind" NOT NULL,
  "ethnicity" text NOT NULL,
  "sex" text NOT NULL,
  "freeSchoolMeals" boolean NOT NULL,
  "deprivationDecile" integer NOT NULL,
  "primaryNeed" text NOT NULL,
  "ageBand" text NOT NULL,
  "receivedOn" date NOT NULL,
  "highestRung" integer NOT NULL,
  "concludedOn" date,
  "conclusion" text,
  "decided1On" date,
  "decided2On" date,
  "decided3On" date,
  "upheld1" boolean,
  "upheld2" boolean,
  "upheld3" boolean,
  "decideDays1" integer,
  "decideDays2" integer,
  "breaches1" integer NOT NULL,
  "breaches2" integer NOT NULL,
  "breaches3" integer NOT NULL,
  "extensions" integer NOT NULL,
  "mediationOffered" boolean NOT NULL,
  "mediationAgreed" boolean NOT NULL,
  "remediesDone" integer NOT NULL,
  "remediesFailed" integer NOT NULL
);

-- The statement that adds `source` (rows with the fact columns above and `sign`: +1 to add, -1
-- to take away) to both tables; the fold and the rebuild run it. Rows are upserted in key order
-- (PatternDays, then PatternSummary in key order, then the 'concluded' rows, the same order in
-- every folder: two concurrent folds wait for each other, never deadlock); groups whose sums do
-- not change are not touched.
CREATE FUNCTION pattern_summary_sql(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT format($q$
    WITH d AS (%s),
    u AS (
      SELECT x.dimension, date_trunc('month', d."receivedOn")::date AS month, x.key, d.*
      FROM d CROSS JOIN LATERAL (VALUES
          ('ethnicity', d.ethnicity),
          ('sex', d.sex),
          ('fsm', CASE WHEN d."freeSchoolMeals" THEN 'Eligible' ELSE 'Not eligible' END),
          ('deprivation', 'Quintile ' || ((d."deprivationDecile" + 1) / 2)::text),
          ('need', d."primaryNeed"),
          ('age', d."ageBand"),
          ('area', d."localAreaId"),
          ('settingKind', d."settingKind"::text),
          ('route', d.route::text)
        ) AS x(dimension, key)
    ),
    summary AS (
      INSERT INTO "PatternSummary" ("dimension", "month", "route", "groupKey", "received", "reached2", "reached3", "decided1", "upheld1", "decided2", "upheld2", "decided3", "upheld3", "concluded", "resolvedLocally", "remediesDone", "remediesSettled", "onTime1", "extended", "breached", "breaches", "mediationOffered", "mediationAgreed")
      SELECT d.dimension, d.month, d.route, d.key,
        sum(d.sign * 1)::int,
        sum(d.sign * (d."highestRung" >= 2)::int)::int,
        sum(d.sign * (d."highestRung" >= 3)::int)::int,
        sum(d.sign * (d."decided1On" IS NOT NULL)::int)::int,
        sum(d.sign * (d.upheld1 IS TRUE)::int)::int,
        sum(d.sign * (d."decided2On" IS NOT NULL)::int)::int,
        sum(d.sign * (d.upheld2 IS TRUE)::int)::int,
        sum(d.sign * (d."decided3On" IS NOT NULL)::int)::int,
        sum(d.sign * (d.upheld3 IS TRUE)::int)::int,
        sum(d.sign * (d.conclusion IS NOT NULL)::int)::int,
        sum(d.sign * (coalesce(d.conclusion IN ('outcome-accepted', 'resolved-by-agreement'), false) AND d."highestRung" < 3)::int)::int,
        sum(d.sign * d."remediesDone")::int,
        sum(d.sign * (d."remediesDone" + d."remediesFailed"))::int,
        sum(d.sign * (d."decided1On" IS NOT NULL AND d.breaches1 = 0)::int)::int,
        sum(d.sign * (d.extensions > 0)::int)::int,
        sum(d.sign * (d.breaches1 + d.breaches2 + d.breaches3 > 0)::int)::int,
        sum(d.sign * (d.breaches1 + d.breaches2 + d.breaches3))::int,
        sum(d.sign * (d."mediationOffered")::int)::int,
        sum(d.sign * (d."mediationAgreed")::int)::int
      FROM u d GROUP BY 1, 2, 3, 4
      HAVING sum(d.sign * 1) <> 0 OR sum(d.sign * (d."highestRung" >= 2)::int) <> 0 OR sum(d.sign * (d."highestRung" >= 3)::int) <> 0 OR sum(d.sign * (d."decided1On" IS NOT NULL)::int) <> 0 OR sum(d.sign * (d.upheld1 IS TRUE)::int) <> 0 OR sum(d.sign * (d."decided2On" IS NOT NULL)::int) <> 0 OR sum(d.sign * (d.upheld2 IS TRUE)::int) <> 0 OR sum(d.sign * (d."decided3On" IS NOT NULL)::int) <> 0 OR sum(d.sign * (d.upheld3 IS TRUE)::int) <> 0 OR sum(d.sign * (d.conclusion IS NOT NULL)::int) <> 0 OR sum(d.sign * (coalesce(d.conclusion IN ('outcome-accepted', 'resolved-by-agreement'), false) AND d."highestRung" < 3)::int) <> 0 OR sum(d.sign * d."remediesDone") <> 0 OR sum(d.sign * (d."remediesDone" + d."remediesFailed")) <> 0 OR sum(d.sign * (d."decided1On" IS NOT NULL AND d.breaches1 = 0)::int) <> 0 OR sum(d.sign * (d.extensions > 0)::int) <> 0 OR sum(d.sign * (d.breaches1 + d.breaches2 + d.breaches3 > 0)::int) <> 0 OR sum(d.sign * (d.breaches1 + d.breaches2 + d.breaches3)) <> 0 OR sum(d.sign * (d."mediationOffered")::int) <> 0 OR sum(d.sign * (d."mediationAgreed")::int) <> 0
      ORDER BY 1, 2, 3, 4
      ON CONFLICT ("dimension", "month", "route", "groupKey") DO UPDATE SET
        "received" = "PatternSummary"."received" + EXCLUDED."received",
        "reached2" = "PatternSummary"."reached2" + EXCLUDED."reached2",
        "reached3" = "PatternSummary"."reached3" + EXCLUDED."reached3",
        "decided1" = "PatternSummary"."decided1" + EXCLUDED."decided1",
        "upheld1" = "PatternSummary"."upheld1" + EXCLUDED."upheld1",
        "decided2" = "PatternSummary"."decided2" + EXCLUDED."decided2",
        "upheld2" = "PatternSummary"."upheld2" + EXCLUDED."upheld2",
        "decided3" = "PatternSummary"."decided3" + EXCLUDED."decided3",
        "upheld3" = "PatternSummary"."upheld3" + EXCLUDED."upheld3",
        "concluded" = "PatternSummary"."concluded" + EXCLUDED."concluded",
        "resolvedLocally" = "PatternSummary"."resolvedLocally" + EXCLUDED."resolvedLocally",
        "remediesDone" = "PatternSummary"."remediesDone" + EXCLUDED."remediesDone",
        "remediesSettled" = "PatternSummary"."remediesSettled" + EXCLUDED."remediesSettled",
        "onTime1" = "PatternSummary"."onTime1" + EXCLUDED."onTime1",
        "extended" = "PatternSummary"."extended" + EXCLUDED."extended",
        "breached" = "PatternSummary"."breached" + EXCLUDED."breached",
        "breaches" = "PatternSummary"."breaches" + EXCLUDED."breaches",
        "mediationOffered" = "PatternSummary"."mediationOffered" + EXCLUDED."mediationOffered",
        "mediationAgreed" = "PatternSummary"."mediationAgreed" + EXCLUDED."mediationAgreed"
    ),
    concluded AS (
      INSERT INTO "PatternSummary" ("dimension", "month", "route", "groupKey", "received")
      SELECT 'concluded', date_trunc('month', d."concludedOn")::date, d.route, d.route::text, sum(d.sign)::int
      FROM d WHERE d."concludedOn" IS NOT NULL GROUP BY 2, 3, 4 HAVING sum(d.sign) <> 0 ORDER BY 2, 3, 4
      ON CONFLICT ("dimension", "month", "route", "groupKey") DO UPDATE SET "received" = "PatternSummary"."received" + EXCLUDED."received"
    )
    INSERT INTO "PatternDays" ("dimension", "month", "route", "groupKey", "rung", "days", "n")
      SELECT d.dimension, d.month, d.route, d.key, r.rung, r.days, sum(d.sign)::int
      FROM u d CROSS JOIN LATERAL (VALUES (1::smallint, d."decideDays1"), (2::smallint, d."decideDays2")) AS r(rung, days)
      WHERE r.days IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(d.sign) <> 0 ORDER BY 1, 2, 3, 4, 5, 6
      ON CONFLICT ("dimension", "month", "route", "groupKey", "rung", "days") DO UPDATE SET "n" = "PatternDays"."n" + EXCLUDED."n" $q$, source)
$fn$;


-- The write path: one INSERT … SELECT from the transition tables per statement, nothing else.
-- Static SQL, planned once per session.
CREATE FUNCTION pattern_delta_append() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "PatternDelta" ("sign", "route", "localAreaId", "settingKind", "ethnicity", "sex", "freeSchoolMeals", "deprivationDecile", "primaryNeed", "ageBand", "receivedOn", "highestRung", "concludedOn", "conclusion", "decided1On", "decided2On", "decided3On", "upheld1", "upheld2", "upheld3", "decideDays1", "decideDays2", "breaches1", "breaches2", "breaches3", "extensions", "mediationOffered", "mediationAgreed", "remediesDone", "remediesFailed")
      SELECT 1, "route", "localAreaId", "settingKind", "ethnicity", "sex", "freeSchoolMeals", "deprivationDecile", "primaryNeed", "ageBand", "receivedOn", "highestRung", "concludedOn", "conclusion", "decided1On", "decided2On", "decided3On", "upheld1", "upheld2", "upheld3", "decideDays1", "decideDays2", "breaches1", "breaches2", "breaches3", "extensions", "mediationOffered", "mediationAgreed", "remediesDone", "remediesFailed" FROM new_facts;
  ELSIF TG_OP = 'UPDATE' THEN
    -- Only what changed, as multisets (EXCEPT ALL): an event that changes no summed column (an
    -- acknowledgement, a reminder) appends nothing; sums of the rows appended = new − old exactly.
    INSERT INTO "PatternDelta" ("sign", "route", "localAreaId", "settingKind", "ethnicity", "sex", "freeSchoolMeals", "deprivationDecile", "primaryNeed", "ageBand", "receivedOn", "highestRung", "concludedOn", "conclusion", "decided1On", "decided2On", "decided3On", "upheld1", "upheld2", "upheld3", "decideDays1", "decideDays2", "breaches1", "breaches2", "breaches3", "extensions", "mediationOffered", "mediationAgreed", "remediesDone", "remediesFailed")
      SELECT -1, * FROM (SELECT "route", "localAreaId", "settingKind", "ethnicity", "sex", "freeSchoolMeals", "deprivationDecile", "primaryNeed", "ageBand", "receivedOn", "highestRung", "concludedOn", "conclusion", "decided1On", "decided2On", "decided3On", "upheld1", "upheld2", "upheld3", "decideDays1", "decideDays2", "breaches1", "breaches2", "breaches3", "extensions", "mediationOffered", "mediationAgreed", "remediesDone", "remediesFailed" FROM old_facts EXCEPT ALL SELECT "route", "localAreaId", "settingKind", "ethnicity", "sex", "freeSchoolMeals", "deprivationDecile", "primaryNeed", "ageBand", "receivedOn", "highestRung", "concludedOn", "conclusion", "decided1On", "decided2On", "decided3On", "upheld1", "upheld2", "upheld3", "decideDays1", "decideDays2", "breaches1", "breaches2", "breaches3", "extensions", "mediationOffered", "mediationAgreed", "remediesDone", "remediesFailed" FROM new_facts) AS gone
      UNION ALL
      SELECT 1, * FROM (SELECT "route", "localAreaId", "settingKind", "ethnicity", "sex", "freeSchoolMeals", "deprivationDecile", "primaryNeed", "ageBand", "receivedOn", "highestRung", "concludedOn", "conclusion", "decided1On", "decided2On", "decided3On", "upheld1", "upheld2", "upheld3", "decideDays1", "decideDays2", "breaches1", "breaches2", "breaches3", "extensions", "mediationOffered", "mediationAgreed", "remediesDone", "remediesFailed" FROM new_facts EXCEPT ALL SELECT "route", "localAreaId", "settingKind", "ethnicity", "sex", "freeSchoolMeals", "deprivationDecile", "primaryNeed", "ageBand", "receivedOn", "highestRung", "concludedOn", "conclusion", "decided1On", "decided2On", "decided3On", "upheld1", "upheld2", "upheld3", "decideDays1", "decideDays2", "breaches1", "breaches2", "breaches3", "extensions", "mediationOffered", "mediationAgreed", "remediesDone", "remediesFailed" FROM old_facts) AS came;
  ELSE
    INSERT INTO "PatternDelta" ("sign", "route", "localAreaId", "settingKind", "ethnicity", "sex", "freeSchoolMeals", "deprivationDecile", "primaryNeed", "ageBand", "receivedOn", "highestRung", "concludedOn", "conclusion", "decided1On", "decided2On", "decided3On", "upheld1", "upheld2", "upheld3", "decideDays1", "decideDays2", "breaches1", "breaches2", "breaches3", "extensions", "mediationOffered", "mediationAgreed", "remediesDone", "remediesFailed")
      SELECT -1, "route", "localAreaId", "settingKind", "ethnicity", "sex", "freeSchoolMeals", "deprivationDecile", "primaryNeed", "ageBand", "receivedOn", "highestRung", "concludedOn", "conclusion", "decided1On", "decided2On", "decided3On", "upheld1", "upheld2", "upheld3", "decideDays1", "decideDays2", "breaches1", "breaches2", "breaches3", "extensions", "mediationOffered", "mediationAgreed", "remediesDone", "remediesFailed" FROM old_facts;
  END IF;
  RETURN NULL;
END
$fn$;

-- Moves up to `batch` of the oldest deltas into the summaries in one statement (deleted and
-- added in the same transaction, so every snapshot sees each delta exactly once: either still
-- in "PatternDelta" or in the summaries). FOR UPDATE SKIP LOCKED: concurrent folders take
-- disjoint deltas. Returns how many deltas were moved (0: nothing left that is not being folded).
CREATE FUNCTION pattern_summary_fold(batch integer DEFAULT 10000) RETURNS integer LANGUAGE plpgsql AS $fn$
DECLARE
  ids bigint[];
BEGIN
  SELECT array_agg(id) INTO ids FROM (SELECT id FROM "PatternDelta" ORDER BY id LIMIT batch FOR UPDATE SKIP LOCKED) x;
  IF ids IS NULL THEN
    RETURN 0;
  END IF;
  EXECUTE pattern_summary_sql('DELETE FROM "PatternDelta" WHERE id = ANY($1) RETURNING *') USING ids;
  RETURN cardinality(ids);
END
$fn$;

-- What readers read: the summaries plus the deltas not yet folded, expanded the same way. One
-- statement, one snapshot: exact whatever folds run at the same time, and cheap while the sweeper
-- keeps "PatternDelta" short. Readers sum the rows of a group (a group can appear more than once).
CREATE VIEW "PatternSummaryLive" AS
  SELECT "dimension", "month", "route", "groupKey", "received", "reached2", "reached3", "decided1", "upheld1", "decided2", "upheld2", "decided3", "upheld3", "concluded", "resolvedLocally", "remediesDone", "remediesSettled", "onTime1", "extended", "breached", "breaches", "mediationOffered", "mediationAgreed"
  FROM "PatternSummary"
  UNION ALL
  SELECT x.dimension, date_trunc('month', d."receivedOn")::date, d.route, x.key,
    d.sign,
    d.sign * (d."highestRung" >= 2)::int,
    d.sign * (d."highestRung" >= 3)::int,
    d.sign * (d."decided1On" IS NOT NULL)::int,
    d.sign * (d.upheld1 IS TRUE)::int,
    d.sign * (d."decided2On" IS NOT NULL)::int,
    d.sign * (d.upheld2 IS TRUE)::int,
    d.sign * (d."decided3On" IS NOT NULL)::int,
    d.sign * (d.upheld3 IS TRUE)::int,
    d.sign * (d.conclusion IS NOT NULL)::int,
    d.sign * (coalesce(d.conclusion IN ('outcome-accepted', 'resolved-by-agreement'), false) AND d."highestRung" < 3)::int,
    d.sign * d."remediesDone",
    d.sign * (d."remediesDone" + d."remediesFailed"),
    d.sign * (d."decided1On" IS NOT NULL AND d.breaches1 = 0)::int,
    d.sign * (d.extensions > 0)::int,
    d.sign * (d.breaches1 + d.breaches2 + d.breaches3 > 0)::int,
    d.sign * (d.breaches1 + d.breaches2 + d.breaches3),
    d.sign * (d."mediationOffered")::int,
    d.sign * (d."mediationAgreed")::int
  FROM "PatternDelta" d CROSS JOIN LATERAL (VALUES
      ('ethnicity', d.ethnicity),
      ('sex', d.sex),
      ('fsm', CASE WHEN d."freeSchoolMeals" THEN 'Eligible' ELSE 'Not eligible' END),
      ('deprivation', 'Quintile ' || ((d."deprivationDecile" + 1) / 2)::text),
      ('need', d."primaryNeed"),
      ('age', d."ageBand"),
      ('area', d."localAreaId"),
      ('settingKind', d."settingKind"::text),
      ('route', d.route::text)
    ) AS x(dimension, key)
  UNION ALL
  SELECT 'concluded', date_trunc('month', d."concludedOn")::date, d.route, d.route::text, d.sign, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
  FROM "PatternDelta" d WHERE d."concludedOn" IS NOT NULL;

CREATE VIEW "PatternDaysLive" AS
  SELECT "dimension", "month", "route", "groupKey", "rung", "days", "n" FROM "PatternDays"
  UNION ALL
  SELECT x.dimension, date_trunc('month', d."receivedOn")::date, d.route, x.key, r.rung, r.days, d.sign::int
  FROM "PatternDelta" d CROSS JOIN LATERAL (VALUES
      ('ethnicity', d.ethnicity),
      ('sex', d.sex),
      ('fsm', CASE WHEN d."freeSchoolMeals" THEN 'Eligible' ELSE 'Not eligible' END),
      ('deprivation', 'Quintile ' || ((d."deprivationDecile" + 1) / 2)::text),
      ('need', d."primaryNeed"),
      ('age', d."ageBand"),
      ('area', d."localAreaId"),
      ('settingKind', d."settingKind"::text),
      ('route', d.route::text)
    ) AS x(dimension, key)
  CROSS JOIN LATERAL (VALUES (1::smallint, d."decideDays1"), (2::smallint, d."decideDays2")) AS r(rung, days)
  WHERE r.days IS NOT NULL;

-- Rebuilds both tables from CaseFact and clears the deltas (the backfill below; a repair if ever
-- needed). Fact writers are held off (CaseFact), then folders ("PatternDelta"; same order as a
-- writer takes them: CaseFact, then its trigger's "PatternDelta"), so no delta is lost or counted twice.
CREATE FUNCTION pattern_summary_rebuild() RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  LOCK TABLE "CaseFact" IN SHARE ROW EXCLUSIVE MODE;
  LOCK TABLE "PatternDelta" IN EXCLUSIVE MODE;
  DELETE FROM "PatternDelta";
  DELETE FROM "PatternSummary";
  DELETE FROM "PatternDays";
  EXECUTE pattern_summary_sql('SELECT 1 AS sign, * FROM "CaseFact"');
END
$fn$;

CREATE TRIGGER "CaseFact_summary_insert" AFTER INSERT ON "CaseFact" REFERENCING NEW TABLE AS new_facts FOR EACH STATEMENT EXECUTE FUNCTION pattern_delta_append();
CREATE TRIGGER "CaseFact_summary_update" AFTER UPDATE ON "CaseFact" REFERENCING OLD TABLE AS old_facts NEW TABLE AS new_facts FOR EACH STATEMENT EXECUTE FUNCTION pattern_delta_append();
CREATE TRIGGER "CaseFact_summary_delete" AFTER DELETE ON "CaseFact" REFERENCING OLD TABLE AS old_facts FOR EACH STATEMENT EXECUTE FUNCTION pattern_delta_append();

SELECT pattern_summary_rebuild();
