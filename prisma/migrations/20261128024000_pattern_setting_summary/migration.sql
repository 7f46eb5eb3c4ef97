-- Per-setting sums for the funnel plots (docs/decisions/028, "Amended: areas, funnels, letters").
-- A tenth dimension, 'setting' (key: the setting's id), in "PatternSummary" at YEARLY grain: its
-- "month" column holds 1 January of the year received, so a year of 20,000 settings is one row per
-- setting and route, not twelve. It answers filters made of whole calendar years (the dashboard's
-- periods); anything else reads CaseFact. No 'setting' rows in "PatternDays" (the funnels need
-- counts only; a setting's own letter reads its facts by the settingId index).
-- Still append-only on the write path: the trigger appends one more column ("settingId") to the
-- same "PatternDelta" row; the fold and the Live view expand it into one more summary key.
-- Deltas appended before this migration have no settingId: the rebuild at the end clears them.

ALTER TABLE "PatternDelta" ADD COLUMN "settingId" text;

CREATE OR REPLACE FUNCTION pattern_delta_append() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "PatternDelta" ("sign", "route", "localAreaId", "settingKind", "ethnicity", "sex", "freeSchoolMeals", "deprivationDecile", "primaryNeed", "ageBand", "receivedOn", "highestRung", "concludedOn", "conclusion", "decided1On", "decided2On", "decided3On", "upheld1", "upheld2", "upheld3", "decideDays1", "decideDays2", "breaches1", "breaches2", "breaches3", "extensions", "mediationOffered", "mediationAgreed", "remediesDone", "remediesFailed", "settingId")
      SELECT 1, "route", "localAreaId", "settingKind", "ethnicity", "sex", "freeSchoolMeals", "deprivationDecile", "primaryNeed", "ageBand", "receivedOn", "highestRung", "concludedOn", "conclusion", "decided1On", "decided2On", "decided3On", "upheld1", "upheld2", "upheld3", "decideDays1", "decideDays2", "breaches1", "breaches2", "breaches3", "extensions", "mediationOffered", "mediationAgreed", "remediesDone", "remediesFailed", "settingId" FROM new_facts;
  ELSIF TG_OP = 'UPDATE' THEN
    -- Only what changed, as multisets (EXCEPT ALL): an event that changes no summed column (an
    -- acknowledgement, a reminder) appends nothing; sums of the rows appended = new − old exactly.
    INSERT INTO "PatternDelta" ("sign", "route", "localAreaId", "settingKind", "ethnicity", "sex", "freeSchoolMeals", "deprivationDecile", "primaryNeed", "ageBand", "receivedOn", "highestRung", "concludedOn", "conclusion", "decided1On", "decided2On", "decided3On", "upheld1", "upheld2", "upheld3", "decideDays1", "decideDays2", "breaches1", "breaches2", "breaches3", "extensions", "mediationOffered", "mediationAgreed", "remediesDone", "remediesFailed", "settingId")
      SELECT -1, * FROM (SELECT "route", "localAreaId", "settingKind", "ethnicity", "sex", "freeSchoolMeals", "deprivationDecile", "primaryNeed", "ageBand", "receivedOn", "highestRung", "concludedOn", "conclusion", "decided1On", "decided2On", "decided3On", "upheld1", "upheld2", "upheld3", "decideDays1", "decideDays2", "breaches1", "breaches2", "breaches3", "extensions", "mediationOffered", "mediationAgreed", "remediesDone", "remediesFailed", "settingId" FROM old_facts EXCEPT ALL SELECT "route", "localAreaId", "settingKind", "ethnicity", "sex", "freeSchoolMeals", "deprivationDecile", "primaryNeed", "ageBand", "receivedOn", "highestRung", "concludedOn", "conclusion", "decided1On", "decided2On", "decided3On", "upheld1", "upheld2", "upheld3", "decideDays1", "decideDays2", "breaches1", "breaches2", "breaches3", "extensions", "mediationOffered", "mediationAgreed", "remediesDone", "remediesFailed", "settingId" FROM new_facts) AS gone
      UNION ALL
      SELECT 1, * FROM (SELECT "route", "localAreaId", "settingKind", "ethnicity", "sex", "freeSchoolMeals", "deprivationDecile", "primaryNeed", "ageBand", "receivedOn", "highestRung", "concludedOn", "conclusion", "decided1On", "decided2On", "decided3On", "upheld1", "upheld2", "upheld3", "decideDays1", "decideDays2", "breaches1", "breaches2", "breaches3", "extensions", "mediationOffered", "mediationAgreed", "remediesDone", "remediesFailed", "settingId" FROM new_facts EXCEPT ALL SELECT "route", "localAreaId", "settingKind", "ethnicity", "sex", "freeSchoolMeals", "deprivationDecile", "primaryNeed", "ageBand", "receivedOn", "highestRung", "concludedOn", "conclusion", "decided1On", "decided2On", "decided3On", "upheld1", "upheld2", "upheld3", "decideDays1", "decideDays2", "breaches1", "breaches2", "breaches3", "extensions", "mediationOffered", "mediationAgreed", "remediesDone", "remediesFailed", "settingId" FROM old_facts) AS came;
  ELSE
    INSERT INTO "PatternDelta" ("sign", "route", "localAreaId", "settingKind", "ethnicity", "sex", "freeSchoolMeals", "deprivationDecile", "primaryNeed", "ageBand", "receivedOn", "highestRung", "concludedOn", "conclusion", "decided1On", "decided2On", "decided3On", "upheld1", "upheld2", "upheld3", "decideDays1", "decideDays2", "breaches1", "breaches2", "breaches3", "extensions", "mediationOffered", "mediationAgreed", "remediesDone", "remediesFailed", "settingId")
      SELECT -1, "route", "localAreaId", "settingKind", "ethnicity", "sex", "freeSchoolMeals", "deprivationDecile", "primaryNeed", "ageBand", "receivedOn", "highestRung", "concludedOn", "conclusion", "decided1On", "decided2On", "decided3On", "upheld1", "upheld2", "upheld3", "decideDays1", "decideDays2", "breaches1", "breaches2", "breaches3", "extensions", "mediationOffered", "mediationAgreed", "remediesDone", "remediesFailed", "settingId" FROM old_facts;
  END IF;
  RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION pattern_summary_sql(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT format($q$
    WITH d AS (%s),
    u AS (
      SELECT x.dimension, date_trunc(CASE WHEN x.dimension = 'setting' THEN 'year' ELSE 'month' END, d."receivedOn")::date AS month, x.key, d.*
      FROM d CROSS JOIN LATERAL (VALUES
          ('ethnicity', d.ethnicity),
          ('sex', d.sex),
          ('fsm', CASE WHEN d."freeSchoolMeals" THEN 'Eligible' ELSE 'Not eligible' END),
          ('deprivation', 'Quintile ' || ((d."deprivationDecile" + 1) / 2)::text),
          ('need', d."primaryNeed"),
          ('age', d."ageBand"),
          ('area', d."localAreaId"),
          ('settingKind', d."settingKind"::text),
          ('route', d.route::text),
          ('setting', d."settingId")
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
      WHERE r.days IS NOT NULL AND d.dimension <> 'setting'
      GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(d.sign) <> 0 ORDER BY 1, 2, 3, 4, 5, 6
      ON CONFLICT ("dimension", "month", "route", "groupKey", "rung", "days") DO UPDATE SET "n" = "PatternDays"."n" + EXCLUDED."n" $q$, source)
$fn$;

CREATE OR REPLACE VIEW "PatternSummaryLive" AS
  SELECT "dimension", "month", "route", "groupKey", "received", "reached2", "reached3", "decided1", "upheld1", "decided2", "upheld2", "decided3", "upheld3", "concluded", "resolvedLocally", "remediesDone", "remediesSettled", "onTime1", "extended", "breached", "breaches", "mediationOffered", "mediationAgreed"
  FROM "PatternSummary"
  UNION ALL
  SELECT x.dimension, date_trunc(CASE WHEN x.dimension = 'setting' THEN 'year' ELSE 'month' END, d."receivedOn")::date, d.route, x.key,
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
      ('route', d.route::text),
      ('setting', d."settingId")
    ) AS x(dimension, key)
  UNION ALL
  SELECT 'concluded', date_trunc('month', d."concludedOn")::date, d.route, d.route::text, d.sign, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
  FROM "PatternDelta" d WHERE d."concludedOn" IS NOT NULL;


SELECT pattern_summary_rebuild();
