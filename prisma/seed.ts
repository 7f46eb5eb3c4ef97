import type { PrismaClient, SettingKind } from "../generated/prisma/client";
import { prng } from "../app/utils/prng";
import { hashPassword } from "../app/utils/auth.server";
import { DEMO_PASSWORD, DEMO_PERSONAS } from "../app/utils/demo-personas";
import { londonDate } from "../app/utils/dates";
import { ROLES, ROLE_NAMES, parsePermission } from "../app/utils/permissions";
import { generatedStories, PERSONA_STORIES, seedCases, STAGE_STORIES } from "./seed-cases";
import { seedRegister } from "./seed-register";
import { ensureFramework } from "../app/utils/register.server";

// Demo data that looks like a real service: four local areas, a setting of every kind in each,
// staff of every role, and ~240 children on the register with the characteristics the equity
// analytics need. Deterministic (seeded PRNG) and idempotent: roles and permissions are
// upserted every run; people and places are created only into an empty database.

const AREAS = [
  { code: "E08000035", name: "Leeds", region: "Yorkshire and The Humber" },
  { code: "E08000025", name: "Birmingham", region: "West Midlands" },
  { code: "E06000052", name: "Cornwall", region: "South West" },
  { code: "E09000012", name: "Hackney", region: "London" },
] as const;

const SETTINGS: Record<(typeof AREAS)[number]["code"], { name: string; kind: SettingKind }[]> = {
  E08000035: [
    { name: "Little Acorns Nursery, Headingley", kind: "nursery" },
    { name: "Beckett Park Primary School", kind: "primary" },
    { name: "Roundhay Fields Academy", kind: "secondary" },
    { name: "Elmwood Special School", kind: "special" },
    { name: "Leeds City Vale College", kind: "college" },
  ],
  E08000025: [
    { name: "Sparkhill Early Years Centre", kind: "nursery" },
    { name: "Moseley Green Primary School", kind: "primary" },
    { name: "Kings Heath Academy", kind: "secondary" },
    { name: "Selly Brook Special School", kind: "special" },
    { name: "Aston Vale College", kind: "college" },
  ],
  E06000052: [
    { name: "Tresillian Day Nursery", kind: "nursery" },
    { name: "St Piran's Primary School", kind: "primary" },
    { name: "Truro Bay Community School", kind: "secondary" },
    { name: "Kernow Valley Special School", kind: "special" },
    { name: "Cornwall Coast College", kind: "college" },
  ],
  E09000012: [
    { name: "London Fields Nursery", kind: "nursery" },
    { name: "Dalston Lane Primary School", kind: "primary" },
    { name: "Clapton Park Academy", kind: "secondary" },
    { name: "Homerton Special School", kind: "special" },
    { name: "Hackney Marshes College", kind: "college" },
  ],
};

const DEMO_CONCERNS = 40;

// Illustrative English term dates (six half-terms) for the academic years 2024/25 to 2029/30:
// the settings that count school days use these for their own rung-1 deadlines.
export function illustrativeTerms(): { start: string; end: string }[] {
  const terms: { start: string; end: string }[] = [];
  for (let year = 2024; year <= 2029; year++) {
    const next = year + 1;
    terms.push(
      { start: `${year}-09-03`, end: `${year}-10-24` },
      { start: `${year}-11-03`, end: `${year}-12-19` },
      { start: `${next}-01-05`, end: `${next}-02-13` },
      { start: `${next}-02-23`, end: `${next}-03-27` },
      { start: `${next}-04-13`, end: `${next}-05-22` },
      { start: `${next}-06-01`, end: `${next}-07-22` },
    );
  }
  return terms;
}
const SCHOOL_DAY_SETTINGS = new Set(["Elmwood Special School", "St Piran's Primary School"]);
const ETHNICITIES = ["WHITE", "WHITE", "WHITE", "ASIAN", "ASIAN", "BLACK", "MIXED", "OTHER"] as const;
const NEEDS = ["ASD", "ASD", "SLCN", "SLCN", "SEMH", "SEMH", "MLD", "SPLD", "PD", "HI", "VI", "SLD"] as const;
const GIVEN = [
  "Aisha",
  "Ben",
  "Chloe",
  "Daniel",
  "Ella",
  "Freddie",
  "Grace",
  "Harry",
  "Isla",
  "Jacob",
  "Kacper",
  "Layla",
  "Mohammed",
  "Nia",
  "Oscar",
  "Priya",
  "Reuben",
  "Sofia",
  "Theo",
  "Zara",
];
const FAMILY = [
  "Ahmed",
  "Bailey",
  "Campbell",
  "Davies",
  "Edwards",
  "Fraser",
  "Green",
  "Hughes",
  "Iqbal",
  "Jones",
  "Khan",
  "Lewis",
  "Mensah",
  "Nowak",
  "Okoro",
  "Patel",
  "Roberts",
  "Smith",
  "Taylor",
  "Williams",
];
const AGE_BY_KIND: Record<SettingKind, [number, number]> = { nursery: [2, 4], primary: [5, 10], secondary: [11, 15], special: [5, 18], college: [16, 24] };

export async function seedRolesAndPermissions(prisma: PrismaClient) {
  for (const name of ROLE_NAMES) {
    const role = ROLES[name];
    const permissions = await Promise.all(
      role.permissions.map((permission) => {
        const key = parsePermission(permission);
        return prisma.permission.upsert({
          where: { action_entity_access: key },
          create: { ...key, description: permission },
          update: {},
          select: { id: true },
        });
      }),
    );
    await prisma.role.upsert({
      where: { name },
      create: { name, label: role.label, description: role.description, permissions: { connect: permissions } },
      update: { label: role.label, description: role.description, permissions: { set: permissions } },
    });
  }
}

export async function seed(prisma: PrismaClient, options: { today?: Date; demoCases?: boolean } = {}): Promise<{ created: boolean }> {
  await seedRolesAndPermissions(prisma);
  // The illustrative National Framework catalogue: findings and register decisions cite it.
  await ensureFramework(prisma, "2024-05-01");
  if ((await prisma.localArea.count()) > 0) {
    // People exist; the demo cases are their own step so an interrupted first run completes next time.
    if (options.demoCases === false) return { created: false };
    const cases = await seedDemoCases(prisma, options.today);
    const register = await seedRegister(prisma, options.today ? londonDate(options.today) : undefined);
    return { created: cases || register };
  }

  const today = options.today ?? new Date();
  const random = prng(20261125);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await prisma.$transaction(
    async (tx) => {
      const areas = new Map<string, string>();
      const settings: { id: string; name: string; kind: SettingKind; localAreaId: string; areaCode: string }[] = [];
      for (const [index, area] of AREAS.entries()) {
        const row = await tx.localArea.create({ data: area });
        areas.set(area.code, row.id);
        for (const [n, setting] of SETTINGS[area.code].entries()) {
          const urn = String(100_000 + index * 1000 + n * 37);
          const schoolTerms = SCHOOL_DAY_SETTINGS.has(setting.name) ? illustrativeTerms() : undefined;
          const created = await tx.setting.create({ data: { ...setting, urn, localAreaId: row.id, schoolTerms } });
          settings.push({ ...created, areaCode: area.code });
        }
      }
      const settingByName = (name: string) => {
        const found = settings.find((s) => s.name === name);
        if (!found) throw new Error(`Seed refers to unknown setting ${name}`);
        return found;
      };
      const leeds = areas.get("E08000035");

      const persona = async (email: string, extra: { settingId?: string; localAreaId?: string; complaintsLead?: string } = {}) => {
        const p = DEMO_PERSONAS.find((d) => d.email === email);
        if (!p) throw new Error(`Seed refers to unknown persona ${email}`);
        return tx.user.create({
          data: { email: p.email, name: p.name, passwordHash, roles: { connect: { name: p.role } }, ...extra },
        });
      };
      const beckett = settingByName("Beckett Park Primary School");
      const truro = settingByName("Truro Bay Community School");
      const aston = settingByName("Aston Vale College");
      const amira = await persona("amira.hussain@example.com");
      const gareth = await persona("gareth.evans@example.com");
      const tyler = await persona("tyler.brown@example.com");
      // Each body has a complaints lead who assigns who handles a concern; Beckett Park also has its
      // governing body's lead, for a concern about the head or the lead (docs/decisions/024).
      await persona("helen.clarke@beckettpark.example.com", { settingId: beckett.id, complaintsLead: "lead" });
      await persona("margaret.hughes@beckettpark.example.com", { settingId: beckett.id, complaintsLead: "governing-body" });
      await persona("priya.sharma@leeds.example.gov.uk", { localAreaId: leeds, complaintsLead: "lead" });
      await tx.user.create({
        data: { email: "ben.taylor@beckettpark.example.com", name: "Ben Taylor", passwordHash, settingId: beckett.id, roles: { connect: { name: "setting-staff" } } },
      });
      await tx.user.create({
        data: { email: "marcus.reid@leeds.example.gov.uk", name: "Marcus Reid", passwordHash, localAreaId: leeds, roles: { connect: { name: "local-officer" } } },
      });
      await persona("owen.price@leeds-icb.example.nhs.uk", { localAreaId: leeds });
      await persona("marcus.bell@leeds.example.gov.uk", { localAreaId: leeds });
      for (const email of ["sam.okafor@mediation.example.com", "grace.liu@practice.example.org.uk", "admin@redress.example.org.uk"]) {
        await persona(email);
      }
      await persona("ruth.adeyemi@ombudsman.example.org.uk", { complaintsLead: "lead" });
      await persona("daniel.moore@practice.example.org.uk", { complaintsLead: "lead" });

      // A SENCo for every other setting and an officer for every other area, so each respondent exists.
      for (const s of settings.filter((s) => s.id !== beckett.id)) {
        const slug = s.name
          .toLowerCase()
          .replace(/[^a-z]+/g, "-")
          .replace(/^-|-$/g, "");
        await tx.user.create({
          data: {
            email: `senco@${slug}.example.com`,
            name: `SENCo, ${s.name}`,
            passwordHash,
            settingId: s.id,
            complaintsLead: "lead",
            roles: { connect: { name: "setting-staff" } },
          },
        });
      }
      for (const area of AREAS.filter((a) => a.code !== "E08000035")) {
        const slug = area.name.toLowerCase();
        await tx.user.create({
          data: {
            email: `send.officer@${slug}.example.gov.uk`,
            name: `SEND officer, ${area.name}`,
            passwordHash,
            localAreaId: areas.get(area.code),
            complaintsLead: "lead",
            roles: { connect: { name: "local-officer" } },
          },
        });
      }

      const dob = (years: number, dayOffset: number) => {
        const d = new Date(Date.UTC(today.getUTCFullYear() - years, today.getUTCMonth(), today.getUTCDate()));
        d.setUTCDate(d.getUTCDate() - dayOffset);
        return d;
      };
      let refNo = 0;
      const nextRef = () => `AN-${String(++refNo).padStart(6, "0")}`;
      const child = (data: {
        givenName: string;
        familyName: string;
        years: number;
        setting: (typeof settings)[number];
        ethnicity: string;
        sex: string;
        fsm: boolean;
        decile: number;
        need: string;
        youngPersonUserId?: string;
      }) =>
        tx.child.create({
          data: {
            registerRef: nextRef(),
            givenName: data.givenName,
            familyName: data.familyName,
            dateOfBirth: dob(data.years, Math.floor(random() * 300)),
            ethnicity: data.ethnicity,
            sex: data.sex,
            freeSchoolMeals: data.fsm,
            deprivationDecile: data.decile,
            primaryNeed: data.need,
            settingId: data.setting.id,
            localAreaId: data.setting.localAreaId,
            youngPersonUserId: data.youngPersonUserId,
          },
        });

      const yusuf = await child({ givenName: "Yusuf", familyName: "Hussain", years: 9, setting: beckett, ethnicity: "ASIAN", sex: "male", fsm: true, decile: 2, need: "ASD" });
      await tx.guardianship.create({ data: { userId: amira.id, childId: yusuf.id, relationship: "mother" } });
      const megan = await child({ givenName: "Megan", familyName: "Evans", years: 13, setting: truro, ethnicity: "WHITE", sex: "female", fsm: false, decile: 4, need: "SLCN" });
      await tx.guardianship.create({ data: { userId: gareth.id, childId: megan.id, relationship: "father" } });
      await child({
        givenName: "Tyler",
        familyName: "Brown",
        years: 17,
        setting: aston,
        ethnicity: "BLACK",
        sex: "male",
        fsm: true,
        decile: 1,
        need: "SEMH",
        youngPersonUserId: tyler.id,
      });

      // The wider register: each child with a parent or carer account.
      for (let i = 0; i < 240; i++) {
        const setting = pick(settings);
        const [minAge, maxAge] = AGE_BY_KIND[setting.kind];
        const familyName = pick(FAMILY);
        const kid = await child({
          givenName: pick(GIVEN),
          familyName,
          years: minAge + Math.floor(random() * (maxAge - minAge + 1)),
          setting,
          ethnicity: pick(ETHNICITIES),
          sex: random() < 0.68 ? "male" : "female",
          fsm: random() < 0.38,
          decile: 1 + Math.floor(random() * 10),
          need: pick(NEEDS),
        });
        const parent = await tx.user.create({
          data: { email: `parent.${String(i + 1).padStart(3, "0")}@example.com`, name: `${pick(GIVEN)} ${familyName}`, passwordHash, roles: { connect: { name: "family" } } },
        });
        await tx.guardianship.create({ data: { userId: parent.id, childId: kid.id, relationship: random() < 0.8 ? "mother" : "father" } });
      }

      // Ways in (docs/decisions/020). Families were linked before their concerns began, so staff can
      // log a phone concern with a back-dated receipt; an advocate Amira named for Yusuf; and a
      // grandparent who signed up and waits for Beckett Park to confirm his link. No random() here:
      // the rest of the demo data stays as it was.
      await tx.guardianship.updateMany({ data: { linkedAt: new Date(Date.UTC(today.getUTCFullYear() - 2, 8, 1)) } });
      const nadia = await persona("nadia.rahman@leeds-sendiass.example.org.uk");
      await tx.representation.create({
        data: {
          childId: yusuf.id,
          grantedById: amira.id,
          representativeId: nadia.id,
          actOnConcerns: true,
          receiveLetters: true,
          consentText:
            "Amira Hussain consents to Nadia Rahman acting for Yusuf Hussain: raise concerns and follow and act on them for us, and receive the letters and emails we receive.",
          consentedAt: new Date(Date.UTC(today.getUTCFullYear() - 1, 8, 15)),
        },
      });
      const joe = await persona("joe.whitfield@example.com");
      const grandchild = await tx.child.findFirstOrThrow({ where: { settingId: beckett.id, id: { not: yusuf.id } }, orderBy: { registerRef: "asc" } });
      await tx.linkRequest.create({
        data: {
          requesterId: joe.id,
          childGivenName: grandchild.givenName,
          childFamilyName: grandchild.familyName,
          childDateOfBirth: grandchild.dateOfBirth,
          settingId: beckett.id,
          relationship: "kinship carer",
        },
      });
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  if (options.demoCases !== false) {
    await seedDemoCases(prisma, options.today);
    await seedRegister(prisma, options.today ? londonDate(options.today) : undefined);
  }
  return { created: true };
}

async function seedDemoCases(prisma: PrismaClient, today?: Date): Promise<boolean> {
  if ((await prisma.concern.count()) > 0) return false;
  const random = prng(7_032_026);
  const childRefs = (await prisma.child.findMany({ select: { registerRef: true }, where: { youngPersonUserId: null }, orderBy: { registerRef: "asc" } }))
    .map((c) => c.registerRef)
    .slice(3);
  const stories = [...PERSONA_STORIES, ...generatedStories(DEMO_CONCERNS, random, childRefs), ...STAGE_STORIES];
  await seedCases(prisma, stories, today ? londonDate(today) : undefined);
  return true;
}
