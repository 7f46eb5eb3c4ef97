import { describe, expect, it } from "vitest";
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
    expect(navigationFor(userWith("family")).map((i) => i.label)).toEqual(["Home", "Cases", "Raise a concern", "Register", "Your children", "Representatives"]);
    expect(navigationFor(userWith("practice-reviewer")).map((i) => i.label)).toEqual(["Home", "Cases", "National Framework"]);
    expect(navigationFor(userWith("national-analyst")).map((i) => i.label)).toEqual(["Home", "Patterns"]);
    expect(navigationFor(userWith("administrator")).map((i) => i.label)).toEqual(["Home", "Patterns", "Accounts", "Failed deadlines and emails", "Timeline policies"]);
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
