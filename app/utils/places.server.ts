import { getPrisma } from "./db.server";
import { NEEDS_AREA, NEEDS_SETTING } from "./admin.server";
import type { RoleName } from "./permissions";

export async function placeOptions() {
  const prisma = await getPrisma();
  const [settings, areas] = await Promise.all([
    prisma.setting.findMany({ select: { id: true, name: true, localArea: { select: { name: true } } }, orderBy: { name: "asc" } }),
    prisma.localArea.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { settings: settings.map((s) => ({ id: s.id, label: `${s.name} (${s.localArea.name})` })), areas };
}

/** The place a set of roles needs, checked against the database; field errors otherwise. */
export async function checkPlace(roles: RoleName[], settingId: string | null, localAreaId: string | null): Promise<Record<string, string[]> | null> {
  const prisma = await getPrisma();
  const errors: Record<string, string[]> = {};
  if (roles.some((r) => NEEDS_SETTING.includes(r)) && !settingId) errors.settingId = ["Select the setting they work at"];
  if (roles.some((r) => NEEDS_AREA.includes(r)) && !localAreaId) errors.localAreaId = ["Select the local area they work in"];
  if (settingId && !(await prisma.setting.findUnique({ where: { id: settingId }, select: { id: true } }))) errors.settingId = ["Select the setting they work at"];
  if (localAreaId && !(await prisma.localArea.findUnique({ where: { id: localAreaId }, select: { id: true } }))) errors.localAreaId = ["Select the local area they work in"];
  return Object.keys(errors).length ? errors : null;
}
