import { userHasPermission, type UserPermissions } from "./permissions";

// The service navigation a user sees follows from their permissions, not their role names.
export function navigationFor(user: UserPermissions): { to: string; label: string }[] {
  const items = [{ to: "/dashboard", label: "Home" }];
  if (userHasPermission(user, "read:case")) items.push({ to: "/cases", label: "Cases" });
  if (userHasPermission(user, "create:concern:own") || userHasPermission(user, "create:concern:represented")) items.push({ to: "/concerns/new", label: "Raise a concern" });
  if (userHasPermission(user, "read:register")) items.push({ to: "/register", label: "Register" });
  if (userHasPermission(user, "update:framework")) items.push({ to: "/framework", label: "National Framework" });
  if (userHasPermission(user, "create:link:own")) items.push({ to: "/account/children", label: "Your children" });
  if (userHasPermission(user, "create:concern:own") || userHasPermission(user, "read:case:represented")) items.push({ to: "/account/representatives", label: "Representatives" });
  if (userHasPermission(user, "create:concern:setting")) items.push({ to: "/setting/concerns/new", label: "Log a concern" });
  if (userHasPermission(user, "read:link:setting")) items.push({ to: "/setting/link-requests", label: "Link requests" });
  if (userHasPermission(user, "read:analytics")) items.push({ to: "/analytics", label: "Patterns" });
  if (userHasPermission(user, "read:user")) items.push({ to: "/admin/users", label: "Accounts" });
  if (userHasPermission(user, "update:user")) items.push({ to: "/admin/dead-letters", label: "Failed deadlines and emails" });
  if (userHasPermission(user, "update:setting")) items.push({ to: "/admin/policies", label: "Timeline policies" });
  return items;
}
