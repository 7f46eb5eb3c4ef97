import { describe, expect, it } from "vitest";
import { maySettleRemedy } from "../../../app/utils/case-actions";
import { CASE_EVENTS } from "../../../app/components/case-events";
import { dateProblem, latestDate, type FormContext } from "../../../app/utils/case-forms";
import { ConfigError, parseEnv } from "../../../app/utils/env.server";
import { readFields } from "../../../app/utils/form-fields";
import { MAX_LENGTH } from "../../../app/utils/limits";
import { safeRedirect } from "../../../app/utils/redirects";
import { hasForbiddenCharacters, normaliseText } from "../../../app/utils/text";
import { DEFAULT_SERVER_HEAP_MB, portalEnv, serverNodeArgs } from "../../../scripts/portal-env.mjs";

// Pure input guards: redirects, text, fields, dates, remedies, configuration.

describe("redirect after sign-in", () => {
  it.each([
    ["/cases/abc?tab=history#top", "/cases/abc?tab=history#top"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/\t/evil.example", "/dashboard"], // browsers drop the tab: //evil.example
    ["/\n/evil.example", "/dashboard"],
    ["/\r\nSet-Cookie: x", "/dashboard"],
    ["//evil.example", "/dashboard"],
    ["/\\evil.example", "/dashboard"],
    ["/a\\b", "/dashboard"],
    ["https://evil.example", "/dashboard"],
    ["javascript:alert(1)", "/dashboard"],
    ["/caf\u00e9", "/dashboard"], // non-ASCII cannot go in a Location header as typed
    ["/\u20ac", "/dashboard"],
    ["/ spaced", "/dashboard"],
    [`/${"a".repeat(MAX_LENGTH.redirectTo)}`, "/dashboard"],
    ["", "/dashboard"],
    [null, "/dashboard"],
  ])("%j → %s", (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });
});

describe("text", () => {
  it("normalises to NFC and line endings to \\n", () => {
    expect(normaliseText("e\u0301\r\nx\ry")).toBe("\u00e9\nx\ny");
  });
  it.each([
    ["a\u0000b", true, true],
    ["a\nb\tc", false, true],
    ["a\u0007b", true, true],
    ["\u202Eevil", true, true],
    ["a\uD800b", true, true],
    ["😀 fine", false, false],
  ])("%j forbidden? multi-line %s, single-line %s", (text, multi, single) => {
    expect(hasForbiddenCharacters(text, true)).toBe(multi);
    expect(hasForbiddenCharacters(text, false)).toBe(single);
  });
});

describe("form fields", () => {
  const fd = (pairs: [string, string | Blob][]) => {
    const f = new FormData();
    for (const [k, v] of pairs) f.append(k, v);
    return f;
  };
  it("refuses a field sent twice unless it is a checkbox group", () => {
    expect(
      readFields(
        fd([
          ["remedy-1-amount", "1"],
          ["remedy-1-amount", "23"],
        ]),
      ),
    ).toMatchObject({ ok: false, errors: { "remedy-1-amount": ["Give one answer for this question"] } });
    expect(
      readFields(
        fd([
          ["agreedIssueIds", "a"],
          ["agreedIssueIds", "b"],
        ]),
      ),
    ).toEqual({ ok: true, fields: { agreedIssueIds: ["a", "b"] } });
  });
  it("refuses files, NUL bytes and over-long answers, and allows newlines only in long text", () => {
    expect(readFields(fd([["reason", new Blob(["x"])]])).ok).toBe(false);
    expect(readFields(fd([["reason", "a\u0000b"]])).ok).toBe(false);
    expect(readFields(fd([["reason", "x".repeat(MAX_LENGTH.longText + 1)]])).ok).toBe(false);
    expect(readFields(fd([["reason", "line 1\nline 2"]])).ok).toBe(true);
    expect(readFields(fd([["email", "a\n@b.c"]])).ok).toBe(false);
    expect(readFields(fd([["reasons-issue-1", "e\u0301"]]))).toEqual({ ok: true, fields: { "reasons-issue-1": "\u00e9" } });
  });
});

describe("dates and remedies", () => {
  const ctx: FormContext = {
    issueIds: ["issue-1"],
    side: "handler",
    capacities: ["setting"],
    userId: "u",
    openRemedyIds: ["R1"],
    failedRemedyIds: [],
    mediatorIds: [],
    maxExtensionWorkingDays: 10,
    today: "2026-11-27",
  };
  const outcome = (fields: Record<string, string>) => CASE_EVENTS.RESPOND.fields.schema(ctx).safeParse({ "finding-issue-1": "upheld", reasons: "Because.", ...fields });

  it("keeps typed dates between 2000 and two years ahead", () => {
    expect(latestDate("2026-11-27")).toBe("2028-11-27");
    expect(latestDate("2028-02-29")).toBe("2030-02-28");
    expect(dateProblem("0001-01-01", "2026-11-27", "the date", "bad")).toMatch(/must be after 1 January 2000/);
    expect(dateProblem("9999-12-31", "2026-11-27", "the date", "bad")).toMatch(/on or before 27 November 2028/);
    expect(dateProblem("2026-02-30", "2026-11-27", "the date", "bad")).toBe("The date must be a real date");
    expect(dateProblem("2027-03-01", "2026-11-27", "the date", "bad")).toBeUndefined();
  });

  it("refuses a remedy due on 9999-12-31", () => {
    const result = outcome({ "remedy-1-kind": "action", "remedy-1-description": "Do it", "remedy-1-dueOn": "9999-12-31" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/The due date for remedy 1 must be on or before/);
  });

  it("refuses absurd payments", () => {
    expect(outcome({ "remedy-1-kind": "payment", "remedy-1-description": "Pay", "remedy-1-amount": "1,000,000" }).success).toBe(false);
    expect(outcome({ "remedy-1-kind": "payment", "remedy-1-description": "Pay", "remedy-1-amount": "250.50" }).data).toMatchObject({
      outcome: { remedies: [{ amountPence: 25050 }] },
    });
  });

  it("lets only the owing party or the ordering body settle a remedy", () => {
    const national = { owedBy: ["setting", "local-service"], rung: 3 as const, via: "decision" as const };
    expect(maySettleRemedy(national, ["setting"])).toBe(true);
    expect(maySettleRemedy(national, ["national-body"])).toBe(true);
    expect(maySettleRemedy(national, ["health-partner"])).toBe(false);
    expect(maySettleRemedy({ owedBy: ["setting"], rung: 1, via: "decision" }, ["local-service"])).toBe(false);
    expect(maySettleRemedy({ owedBy: ["setting"], rung: 2, via: "mediation" }, ["local-service"])).toBe(false);
  });
});

describe("configuration for production", () => {
  const production = { NODE_ENV: "production", SESSION_SECRET: "x".repeat(32), RESEND_API_KEY: "re_test", AUDIT_HMAC_KEY: "k".repeat(32) };
  it("refuses to seed demo data in production", () => {
    expect(() => parseEnv({ ...production, SEED_DEMO_DATA: "true" })).toThrow(ConfigError);
    expect(() => parseEnv({ ...production, SEED_DEMO_DATA: "true" })).toThrow(/SEED_DEMO_DATA must not be true in production/);
    expect(parseEnv({ ...production, SEED_DEMO_DATA: "false" }).APP_ENV).toBe("production");
  });
  it("npm start seeds by default only outside production", () => {
    expect(portalEnv({}).SEED_DEMO_DATA).toBe("true");
    expect(portalEnv({ APP_ENV: "production" }).SEED_DEMO_DATA).toBe("false");
  });
  it("caps the server's heap, 384 MB unless SERVER_HEAP_MB says otherwise, and names a bad value", () => {
    expect(DEFAULT_SERVER_HEAP_MB).toBe(384);
    expect(serverNodeArgs({})).toEqual(["--max-old-space-size=384"]);
    expect(serverNodeArgs({ SERVER_HEAP_MB: " " })).toEqual(["--max-old-space-size=384"]);
    expect(serverNodeArgs({ SERVER_HEAP_MB: "1024" })).toEqual(["--max-old-space-size=1024"]);
    for (const bad of ["64", "100000", "1.5", "512MB", "-256", "1e3"]) {
      expect(() => serverNodeArgs({ SERVER_HEAP_MB: bad })).toThrow(`SERVER_HEAP_MB must be a whole number of megabytes from 128 to 65536 (it is "${bad}")`);
      expect(() => parseEnv({ SERVER_HEAP_MB: bad })).toThrow(/SERVER_HEAP_MB must be a whole number of megabytes from 128 to 65536/);
    }
    expect(parseEnv({ SERVER_HEAP_MB: "512" }).SERVER_HEAP_MB).toBe(512);
    expect(parseEnv({}).SERVER_HEAP_MB).toBeUndefined();
  });
  it("reads TRUST_PROXY as a hop count", () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(0);
    expect(parseEnv({ TRUST_PROXY: "false" }).TRUST_PROXY).toBe(0);
    expect(parseEnv({ TRUST_PROXY: "true" }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(() => parseEnv({ TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY must be the number of proxies/);
  });
});
