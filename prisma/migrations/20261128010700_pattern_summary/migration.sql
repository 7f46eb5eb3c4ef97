-- Monthly summaries of the CaseFact read model for England-wide views (docs/decisions/028).
-- One row per (dimension, month received, route, group): the sums the patterns tables need, so
-- a national view reads a few thousand rows instead of every case of the year. Timeliness
-- percentiles come from "PatternDays": how many cases took each number of working days.
-- Kept exact by statement-level triggers on "CaseFact" (transition tables), in the same
-- transaction as every fact change, whoever writes it (the write path's one statement, the ORM
-- path, the backfill, the generator's bulk insert). The group expressions below must stay those
-- of FACT_GROUP in app/utils/patterns.server.ts; tests/integration/pattern-summary.test.ts proves
-- the totals equal CaseFact's on both engines.

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

-- The statement that adds `source` (rows of CaseFact with a column `sign`: +1 to add, -1 to
-- take away) to both tables. A text, so the trigger runs it in its own context, where the
-- transition tables are visible. Rows are upserted in key order (no deadlocks between writers);
-- groups whose sums do not change are not touched.
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

-- The same statement, written out once per kind of change so that PL/pgSQL plans it once per
-- session (EXECUTE would plan it on every change: ~100× slower per event). Generated from the
-- text of pattern_summary_sql above; keep them identical.
CREATE FUNCTION pattern_summary_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
        WITH d AS (SELECT 1 AS sign, * FROM new_facts),
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
        ON CONFLICT ("dimension", "month", "route", "groupKey", "rung", "days") DO UPDATE SET "n" = "PatternDays"."n" + EXCLUDED."n";
  ELSIF TG_OP = 'UPDATE' THEN
        WITH d AS (SELECT -1 AS sign, * FROM old_facts UNION ALL SELECT 1 AS sign, * FROM new_facts),
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
        ON CONFLICT ("dimension", "month", "route", "groupKey", "rung", "days") DO UPDATE SET "n" = "PatternDays"."n" + EXCLUDED."n";
  ELSE
        WITH d AS (SELECT -1 AS sign, * FROM old_facts),
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
        ON CONFLICT ("dimension", "month", "route", "groupKey", "rung", "days") DO UPDATE SET "n" = "PatternDays"."n" + EXCLUDED."n";
  END IF;
  RETURN NULL;
END
$fn$;

-- Rebuilds both tables from CaseFact (the backfill below; a repair if ever needed).
CREATE FUNCTION pattern_summary_rebuild() RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  LOCK TABLE "CaseFact" IN SHARE ROW EXCLUSIVE MODE;
  DELETE FROM "PatternSummary";
  DELETE FROM "PatternDays";
  EXECUTE pattern_summary_sql('SELECT 1 AS sign, * FROM "CaseFact"');
END
$fn$;

CREATE TRIGGER "CaseFact_summary_insert" AFTER INSERT ON "CaseFact" REFERENCING NEW TABLE AS new_facts FOR EACH STATEMENT EXECUTE FUNCTION pattern_summary_apply();
CREATE TRIGGER "CaseFact_summary_update" AFTER UPDATE ON "CaseFact" REFERENCING OLD TABLE AS old_facts NEW TABLE AS new_facts FOR EACH STATEMENT EXECUTE FUNCTION pattern_summary_apply();
CREATE TRIGGER "CaseFact_summary_delete" AFTER DELETE ON "CaseFact" REFERENCING OLD TABLE AS old_facts FOR EACH STATEMENT EXECUTE FUNCTION pattern_summary_apply();

SELECT pattern_summary_rebuild();
