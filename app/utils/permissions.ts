// Roles and permissions as data (docs/decisions/003-permissions-as-data.md).
// A permission is `action:entity:access`; the access part says WHICH records the action
// reaches, and is turned into a query filter on the server (permissions.server.ts).
// This module is shared with the browser so the UI can ask the same questions.

export const ACTIONS = ["create", "read", "update", "delete"] as const;
export const ENTITIES = ["concern", "case", "mediation", "analytics", "user", "register", "framework", "link", "setting"] as const;
export const ACCESS = [
  "own", // cases about a child the user is parent/carer of, or is
  "represented", // cases about a child whose family named the user representative, within the consent's scope and dates
  "setting", // cases about the user's own setting
  "area", // cases in the user's local area
  "health", // cases in the user's local area where health is a co-respondent
  "assigned", // cases the user is assigned to (mediators)
  "national-process", // process-route cases at the national rung (ombudsman-style body)
  "national-substance", // substance-route cases at the national rung (national practice body)
  "aggregate", // counts only, small numbers suppressed; never a person
  "any",
] as const;

export type Action = (typeof ACTIONS)[number];
export type Entity = (typeof ENTITIES)[number];
export type Access = (typeof ACCESS)[number];
export type PermissionString = `${Action}:${Entity}:${Access}`;

export const ROLE_NAMES = [
  "family",
  "young-person",
  "setting-staff",
  "local-officer",
  "health-partner",
  "social-care",
  "mediator",
  "ombudsman-caseworker",
  "practice-reviewer",
  "national-analyst",
  "administrator",
  "representative",
] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

export interface RoleDefinition {
  label: string;
  description: string;
  permissions: PermissionString[];
}

export const ROLES: Record<RoleName, RoleDefinition> = {
  family: {
    label: "Parent or carer",
    description: "Raises concerns about their child's support and follows them up the ladder.",
    permissions: ["create:concern:own", "read:case:own", "update:case:own", "read:register:own", "create:register:own", "update:register:own", "create:link:own"],
  },
  "young-person": {
    label: "Young person",
    description: "A young person on the register who raises and follows their own concerns.",
    permissions: ["create:concern:own", "read:case:own", "update:case:own", "read:register:own", "create:register:own", "update:register:own"],
  },
  representative: {
    label: "Representative or advocate",
    description: "Named by a family (or a young person 16 or over) to raise and follow concerns for them, within the consent they recorded.",
    permissions: ["create:concern:represented", "read:case:represented", "update:case:represented"],
  },
  "setting-staff": {
    label: "Setting staff",
    description: "Responds to concerns about their own nursery, school or college (rung 1).",
    permissions: [
      "read:case:setting",
      "update:case:setting",
      "read:register:setting",
      "update:register:setting",
      "create:concern:setting",
      "read:link:setting",
      "update:link:setting",
    ],
  },
  "local-officer": {
    label: "Local service officer",
    description: "Local authority SEND service or Local Inclusion Partnership officer (rung 2).",
    permissions: ["read:case:area", "update:case:area", "read:analytics:area", "read:register:area", "create:register:area", "update:register:area"],
  },
  "health-partner": {
    label: "Health partner",
    description: "Co-respondent for the health service where health is involved.",
    permissions: ["read:case:health", "update:case:health", "read:register:area", "create:register:area", "update:register:area"],
  },
  // A partner agency named in development records (docs/decisions/027): reads and confirms its part
  // of the records of children in its area and may ask for consideration as a professional; no
  // case permissions, so it sees no case files.
  "social-care": {
    label: "Children's social care",
    description: "Social worker or manager in children's social care: confirms the support social care gives in development records in their area.",
    permissions: ["read:register:area", "create:register:area", "update:register:area"],
  },
  mediator: {
    label: "Mediator",
    description: "Independent mediator: runs mediation on assigned cases and issues certificates.",
    permissions: ["read:case:assigned", "update:mediation:assigned"],
  },
  "ombudsman-caseworker": {
    label: "Ombudsman caseworker",
    description: "Decides process concerns at the national rung.",
    permissions: ["read:case:national-process", "update:case:national-process"],
  },
  "practice-reviewer": {
    label: "Practice body reviewer",
    description: "Decides substance concerns at the national rung against the National Framework.",
    permissions: ["read:case:national-substance", "update:case:national-substance", "update:framework:any"],
  },
  "national-analyst": {
    label: "National analyst",
    description: "Reviews patterns across settings and areas; sees aggregates only.",
    permissions: ["read:analytics:aggregate"],
  },
  administrator: {
    label: "Administrator",
    description: "Manages accounts and roles; sees no case files.",
    permissions: ["read:user:any", "update:user:any", "read:analytics:aggregate", "update:link:any", "update:setting:any"],
  },
};

export function parsePermission(permission: string): { action: Action; entity: Entity; access: Access } {
  const [action, entity, access] = permission.split(":");
  if (!ACTIONS.includes(action as Action) || !ENTITIES.includes(entity as Entity) || !ACCESS.includes(access as Access)) {
    throw new Error(`Not a permission: "${permission}" (expected action:entity:access)`);
  }
  return { action: action as Action, entity: entity as Entity, access: access as Access };
}

export interface UserPermissions {
  roles: { name: string; permissions: { action: string; entity: string; access: string }[] }[];
}

/** The access levels a user holds for action:entity (empty = refused). */
export function accessLevels(user: UserPermissions, action: Action, entity: Entity): Access[] {
  const levels = new Set<Access>();
  for (const role of user.roles) {
    for (const p of role.permissions) {
      if (p.action === action && p.entity === entity) levels.add(p.access as Access);
    }
  }
  return [...levels];
}

export function userHasPermission(user: UserPermissions | null | undefined, permission: `${Action}:${Entity}` | PermissionString): boolean {
  if (!user) return false;
  const [action, entity, access] = permission.split(":") as [Action, Entity, Access | undefined];
  const levels = accessLevels(user, action, entity);
  return access ? levels.includes(access) : levels.length > 0;
}

export function userHasRole(user: UserPermissions | null | undefined, role: RoleName): boolean {
  return Boolean(user?.roles.some((r) => r.name === role));
}
