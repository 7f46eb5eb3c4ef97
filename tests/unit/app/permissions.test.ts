import { describe, expect, it } from "vitest";
import { suppress, suppressRow } from "../../../app/utils/analytics.server";
import { navigationFor } from "../../../app/utils/navigation";
import { accessLevels, parsePermission, ROLES, ROLE_NAMES, userHasPermission, type RoleName } from "../../../app/utils/permissions";
import { safeRedirect } from "../../../app/utils/redirects";

const userWith = (role: RoleName) => ({
  roles: [{ name: role, permissions: ROLES[role].permissions.map((p) => parsePermission(p)) }],
});

describe("permissions as data", () => {
  it("every role's permissions parse as action:entity:access", () => {
    for (const name of ROLE_NAMES) for (const p of ROLES[name].permissions) expect(() => parsePermission(p)).not.toThrow();
    expect(() => parsePermission("read:case")).toThrow(/Not a permission/);
    expect(() => parsePermission("fly:case:own")).toThrow(/Not a permission/);
  });

  it("analysts and administrators hold no case permission at all", () => {
    for (const role of ["national-analyst", "administrator"] as const) {
      expect(accessLevels(userWith(role), "read", "case")).toEqual([]);
      expect(userHasPermission(userWith(role), "read:case")).toBe(false);
    }
  });

  it("families read their own cases only", () => {
    expect(accessLevels(userWith("family"), "read", "case")).toEqual(["own"]);
    expect(userHasPermission(userWith("family"), "read:case:any")).toBe(false);
  });

  it("navigation follows permissions", () => {
    expect(navigationFor(userWith("family")).map((i) => i.label)).toEqual(["Home", "Cases", "Raise a concern"]);
    expect(navigationFor(userWith("national-analyst")).map((i) => i.label)).toEqual(["Home", "Patterns"]);
    expect(navigationFor(userWith("administrator")).map((i) => i.label)).toEqual(["Home", "Patterns", "Accounts"]);
  });
});

describe("small-number suppression", () => {
  it("hides counts from 1 to 4 and keeps 0 and 5+", () => {
    expect([0, 1, 4, 5, 12].map((n) => suppress(n).value)).toEqual([0, null, null, 5, 12]);
  });

  it("hides a second cell when one alone would be recoverable from the total", () => {
    expect(suppressRow([3, 20, 7, 9]).map((c) => c.value)).toEqual([null, 20, null, 9]);
    expect(suppressRow([3, 2, 20]).map((c) => c.value)).toEqual([null, null, 20]);
    expect(suppressRow([6, 20, 0]).map((c) => c.value)).toEqual([6, 20, 0]);
  });
});

describe("redirects after sign-in", () => {
  it.each([
    ["/cases/abc", "/cases/abc"],
    ["//evil.example.com", "/dashboard"],
    ["/\\evil.example.com", "/dashboard"],
    ["https://evil.example.com", "/dashboard"],
    [null, "/dashboard"],
  ])("%s → %s", (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });
});
