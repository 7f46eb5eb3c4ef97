import { Prisma, type SettingKind } from "../../generated/prisma/client";
import { auditEntryData } from "./audit.server";
import { getPrisma } from "./db.server";
import { ROLE_NAMES, type RoleName } from "./permissions";
import type { SessionUser } from "./session.server";
import type { Term } from "./term-forms";

// Administration (docs/decisions/020): roles, settings, local areas and term dates. Every change
// writes an AuditEntry in the same transaction, with what it was before and after.

/** Roles that work at a setting or in a local area need one. */
export const NEEDS_SETTING: RoleName[] = ["setting-staff"];
export const NEEDS_AREA: RoleName[] = ["local-officer", "health-partner", "social-care"];

export async function changeRoles(
  admin: Pick<SessionUser, "id">,
  userId: string,
  input: { roles: RoleName[]; settingId: string | null; localAreaId: string | null },
  request?: Request,
): Promise<"changed" | "not-found" | "own-admin"> {
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const before = await tx.user.findFirst({ where: { id: userId, erasedAt: null }, select: { id: true, settingId: true, localAreaId: true, roles: { select: { name: true } } } });
    if (!before) return "not-found" as const;
    // An administrator cannot remove their own administration (someone must always be able to fix things).
    if (userId === admin.id && !input.roles.includes("administrator")) return "own-admin" as const;
    const roles = input.roles.filter((r) => ROLE_NAMES.includes(r));
    await tx.user.update({
      where: { id: userId },
      data: { roles: { set: roles.map((name) => ({ name })) }, settingId: input.settingId, localAreaId: input.localAreaId },
    });
    // New roles take effect on the next request; sessions stay (the permissions are read each time).
    await tx.auditEntry.create({
      data: auditEntryData(
        {
          action: "user.roles-changed",
          actorId: admin.id,
          targetType: "user",
          targetId: userId,
          subjectUserId: userId,
          details: {
            before: { roles: before.roles.map((r) => r.name).sort(), settingId: before.settingId, localAreaId: before.localAreaId },
            after: { roles: [...roles].sort(), settingId: input.settingId, localAreaId: input.localAreaId },
          },
        },
        request,
      ),
    });
    return "changed" as const;
  });
}

// ───────────────────────── Settings and local areas ─────────────────────────

export interface SettingInput {
  name: string;
  urn: string;
  kind: SettingKind;
  localAreaId: string;
  /** null = count England and Wales working days. */
  terms: Term[] | null;
}

export async function saveSetting(
  admin: Pick<SessionUser, "id">,
  settingId: string | null,
  input: SettingInput,
  request?: Request,
): Promise<{ ok: true; id: string } | { ok: false; field: "urn" | "localAreaId"; message: string }> {
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    if (!(await tx.localArea.findUnique({ where: { id: input.localAreaId }, select: { id: true } })))
      return { ok: false as const, field: "localAreaId" as const, message: "Select the local area" };
    const clash = await tx.setting.findFirst({ where: { urn: input.urn, ...(settingId ? { id: { not: settingId } } : {}) }, select: { id: true } });
    if (clash) return { ok: false as const, field: "urn" as const, message: "Another setting already has this URN" };
    const data = {
      name: input.name,
      urn: input.urn,
      kind: input.kind,
      localAreaId: input.localAreaId,
      schoolTerms: input.terms === null ? Prisma.DbNull : (input.terms as unknown as Prisma.InputJsonArray),
    };
    const before = settingId
      ? await tx.setting.findUnique({ where: { id: settingId }, select: { name: true, urn: true, kind: true, localAreaId: true, schoolTerms: true } })
      : null;
    if (settingId && !before) return { ok: false as const, field: "urn" as const, message: "That setting no longer exists" };
    const row = settingId ? await tx.setting.update({ where: { id: settingId }, data, select: { id: true } }) : await tx.setting.create({ data, select: { id: true } });
    await tx.auditEntry.create({
      data: auditEntryData(
        {
          action: settingId ? "setting.updated" : "setting.created",
          actorId: admin.id,
          targetType: "setting",
          targetId: row.id,
          details: { before: before ?? null, after: { name: input.name, urn: input.urn, kind: input.kind, localAreaId: input.localAreaId, schoolTerms: input.terms } } as Record<
            string,
            unknown
          >,
        },
        request,
      ),
    });
    return { ok: true as const, id: row.id };
  });
}

export async function saveArea(
  admin: Pick<SessionUser, "id">,
  areaId: string | null,
  input: { code: string; name: string; region: string },
  request?: Request,
): Promise<{ ok: true } | { ok: false; field: "code"; message: string }> {
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const clash = await tx.localArea.findFirst({ where: { code: input.code, ...(areaId ? { id: { not: areaId } } : {}) }, select: { id: true } });
    if (clash) return { ok: false as const, field: "code" as const, message: "Another local area already has this code" };
    const before = areaId ? await tx.localArea.findUnique({ where: { id: areaId }, select: { code: true, name: true, region: true } }) : null;
    if (areaId && !before) return { ok: false as const, field: "code" as const, message: "That local area no longer exists" };
    const row = areaId ? await tx.localArea.update({ where: { id: areaId }, data: input, select: { id: true } }) : await tx.localArea.create({ data: input, select: { id: true } });
    await tx.auditEntry.create({
      data: auditEntryData(
        { action: areaId ? "local-area.updated" : "local-area.created", actorId: admin.id, targetType: "local-area", targetId: row.id, details: { before, after: input } },
        request,
      ),
    });
    return { ok: true as const };
  });
}
