import { addCalendarDays, addCalendarMonths, type RegisterOutcome } from "../machines";
import type { PrismaClient } from "../generated/prisma/client";
import { hashPassword } from "../app/utils/auth.server";
import { dateColumn, londonDate } from "../app/utils/dates";
import { DEMO_PASSWORD } from "../app/utils/demo-personas";
import { prng } from "../app/utils/prng";
import type { Participant, ParticipantRole, RecordContent, TookPart } from "../app/utils/register-forms";
import {
  confirmPartnerPart,
  currentFramework,
  ensureFramework,
  recordRegisterDecision,
  recordRegisterDecisionInTransaction,
  saveRecordVersion,
} from "../app/utils/register.server";

// Register histories and development records for the demo children, written through the real
// service (recordRegisterDecision, saveRecordVersion, confirmPartnerPart, requestConsideration),
// so the machine checks every decision and the child's status is derived as in production
// (docs/decisions/007, 021). Dates are relative to `today`. Idempotent: only into a register
// with no decisions.

type Step = {
  monthsAgo: number;
  outcome: RegisterOutcome;
  reviewInMonths?: number;
  parts?: Partial<Record<ParticipantRole, TookPart>>;
  reasons: [string, string][];
  evidence: string;
  summary?: string;
};

const TYPICAL: Partial<Record<ParticipantRole, TookPart>> = { family: "meeting", "young-person": "written-views", "health-lead": "written-views", setting: "meeting" };

const participants = (parts: Partial<Record<ParticipantRole, TookPart>> = TYPICAL): Participant[] =>
  (["family", "young-person", "health-lead", "setting", "local-service", "social-care"] as const).map((role) => {
    const tookPart = parts[role] ?? "not-applicable";
    return { role, name: "", invited: ["meeting", "written-views", "no"].includes(tookPart), tookPart };
  });

const NEED_REASON: Record<string, [string, string]> = {
  ASD: ["NF-R4", "Social communication differences limit joining in with learning and play, despite visual timetables and a quiet space."],
  SLCN: ["NF-R4", "Speech and language assessment shows expressive language well below age; it limits taking part in lessons."],
  SEMH: ["NF-R5", "Anxiety has led to time out of class each week despite a term of targeted support."],
  MLD: ["NF-R7", "Reading and number remain well below expected after two terms of small-group intervention."],
  SPLD: ["NF-R7", "Dyslexia assessment confirms needs that targeted literacy support alone has not met."],
  PD: ["NF-R6", "Needs a specialist seat, adapted equipment and physiotherapy advice to take part."],
  HI: ["NF-R6", "Hearing loss needs a radio aid and a teacher of the deaf visiting each term."],
  VI: ["NF-R6", "Visual impairment needs enlarged materials and mobility training."],
  SLD: ["NF-R2", "Severe learning difficulties need specialist teaching and therapy input from outside the setting."],
};

const record = (firstName: string, need: string): RecordContent => ({
  views: `I like it when people explain things to me first. I want to be with my friends at lunch.`,
  aspirations: `${firstName} wants to read on their own and join an after-school club.`,
  needs: NEED_REASON[need]?.[1] ?? "Needs support beyond the universal offer.",
  support: [
    { partner: "setting", provision: "Small-group sessions with a teaching assistant and a quiet space", amount: "30 minutes", frequency: "four times a week" },
    { partner: "health", provision: "Speech and language therapy programme, delivered with the setting", amount: "45 minutes", frequency: "every two weeks" },
  ],
  outcomes: "By the next review: joins in group work with less adult help; uses the agreed strategies when anxious.",
  transitions: "",
});

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
type Framework = NonNullable<Awaited<ReturnType<typeof currentFramework>>>;

async function decide(db: PrismaClient | { tx: Tx; framework: Framework }, childId: string, today: string, step: Step, actor: { userId: string; name: string }) {
  const decidedOn = addCalendarMonths(today, -step.monthsAgo);
  const input = {
    childId,
    outcome: step.outcome,
    decidedOn,
    nextReviewOn: step.reviewInMonths ? addCalendarMonths(decidedOn, step.reviewInMonths) : undefined,
    participants: participants(step.parts),
    evidence: step.evidence,
    reasons: step.reasons.map(([code, reason]) => ({ code, reason })),
    summary: step.summary ?? "",
  };
  const now = new Date(`${decidedOn}T12:00:00Z`);
  if ("tx" in db) return recordRegisterDecisionInTransaction(db.tx, input, actor, { now, framework: db.framework });
  return recordRegisterDecision(input, actor, { db, now });
}

export async function seedRegister(prisma: PrismaClient, todayInput?: string): Promise<boolean> {
  const today = todayInput ?? londonDate();
  await ensureFramework(prisma, addCalendarMonths(today, -30));
  if ((await prisma.registerDecision.count()) > 0) return false;
  const random = prng(21_5000);
  const staff = await prisma.user.findMany({
    // Each setting's SENCo, who is also its complaints lead in the demo (not the governors' lead or other staff).
    where: { settingId: { not: null }, complaintsLead: "lead", roles: { some: { name: "setting-staff" } } },
    select: { id: true, name: true, settingId: true },
    orderBy: { email: "asc" },
  });
  const senco = (settingId: string) => {
    const found = staff.find((s) => s.settingId === settingId);
    if (!found) throw new Error(`No SENCo for setting ${settingId}`);
    return { userId: found.id, name: found.name };
  };
  const owen = await prisma.user.findUnique({ where: { email: "owen.price@leeds-icb.example.nhs.uk" }, select: { id: true, name: true } });
  const children = await prisma.child.findMany({ orderBy: { registerRef: "asc" }, select: { id: true, registerRef: true, givenName: true, primaryNeed: true, settingId: true } });
  const byRef = (ref: string) => children.find((c) => c.registerRef === ref);

  // Yusuf: refused, then placed after more evidence; reviewed twice; the last review is now overdue.
  const yusuf = byRef("AN-000001");
  if (yusuf) {
    const helen = senco(yusuf.settingId);
    const steps: Step[] = [
      {
        monthsAgo: 21,
        outcome: "not_place",
        parts: { family: "meeting", setting: "meeting", "health-lead": "not-invited" },
        reasons: [["NF-R8", "The setting felt his needs could be met by the support every child gets, after one term of observation."]],
        evidence: "Class teacher observations over one term; Amira's account of home.",
      },
      {
        monthsAgo: 18,
        outcome: "place",
        reviewInMonths: 6,
        reasons: [
          ["NF-R4", "Autism assessment confirms social communication needs that limit his learning."],
          ["NF-R3", "The community paediatrician identified sensory needs affecting the school day."],
        ],
        evidence: "Autism diagnostic assessment; paediatrician's letter; two terms of the graduated approach.",
      },
      {
        monthsAgo: 12,
        outcome: "confirm",
        reviewInMonths: 6,
        reasons: [["NF-R4", "Needs continue; the support is helping and stays the same."]],
        evidence: "Progress review with Amira, Yusuf's views and the speech and language therapist's report.",
        summary: "Support confirmed for six months.",
      },
      {
        monthsAgo: 6,
        outcome: "change",
        reviewInMonths: 5,
        reasons: [["NF-R4", "Needs continue; more help is needed at lunch and break times."]],
        evidence: "Lunchtime observations, Yusuf's own views and the therapist's update.",
        summary: "Lunchtime support added; therapy moved to the mornings.",
      },
    ];
    for (const step of steps) await decide(prisma, yusuf.id, today, step, helen);
    const v1 = await saveRecordVersion(
      {
        childId: yusuf.id,
        content: { ...record("Yusuf", "ASD"), views: "I like maths and Lego. Lunchtime is too loud. I want a friend to sit with." },
        changeSummary: "First record, written with Amira and Yusuf after he was placed on the register.",
      },
      helen,
      { db: prisma, now: new Date(`${addCalendarMonths(today, -18)}T15:00:00Z`) },
    );
    if (owen)
      await confirmPartnerPart(
        { versionId: v1.id, childId: yusuf.id, partner: "health", note: "Therapy slots booked." },
        { userId: owen.id, name: owen.name },
        { db: prisma, now: new Date(`${addCalendarMonths(today, -17)}T10:00:00Z`) },
      );
    const v2 = await saveRecordVersion(
      {
        childId: yusuf.id,
        content: {
          ...record("Yusuf", "ASD"),
          views: "Lunch is better now I eat in the library club. I still don't like the hall.",
          support: [
            {
              partner: "setting",
              provision: "Small-group sessions with a teaching assistant, and a lunchtime club in the library with an adult",
              amount: "30 minutes, and the whole lunch break",
              frequency: "four times a week, and every day",
            },
            { partner: "health", provision: "Speech and language therapy programme, in the mornings", amount: "45 minutes", frequency: "every two weeks" },
          ],
        },
        changeSummary: "Lunchtime support added at the review; therapy moved to mornings.",
      },
      helen,
      { db: prisma, now: new Date(`${addCalendarMonths(today, -6)}T15:00:00Z`) },
    );
    void v2; // awaiting the health partner's confirmation: Dr Owen Price can confirm it in the demo
  }

  // Megan: placed; a review held without her family; taken to the ombudsman (her demo concern).
  const megan = byRef("AN-000002");
  if (megan) {
    const actor = senco(megan.settingId);
    await decide(
      prisma,
      megan.id,
      today,
      {
        monthsAgo: 30,
        outcome: "place",
        reviewInMonths: 12,
        reasons: [["NF-R4", "Expressive language well below age; she avoids speaking in class."]],
        evidence: "Speech and language assessment; class observations.",
      },
      actor,
    );
    await decide(
      prisma,
      megan.id,
      today,
      {
        monthsAgo: 18,
        outcome: "change",
        reviewInMonths: 12,
        parts: { family: "not-invited", "young-person": "no", setting: "meeting" },
        reasons: [["NF-R4", "Needs continue; therapy reduced to termly advice."]],
        evidence: "Teacher reports only.",
        summary: "Therapy reduced to termly advice.",
      },
      actor,
    );
    await saveRecordVersion(
      {
        childId: megan.id,
        content: { ...record("Megan", "SLCN"), views: "I know the answers but I don't like talking in front of everyone." },
        changeSummary: "Record written after Megan was placed on the register.",
      },
      actor,
      { db: prisma, now: new Date(`${addCalendarMonths(today, -30)}T15:00:00Z`) },
    );
  }

  // Tyler: a young person at college, placed and recently reviewed, with his own words in the record.
  const tyler = byRef("AN-000003");
  if (tyler) {
    const actor = senco(tyler.settingId);
    await decide(
      prisma,
      tyler.id,
      today,
      {
        monthsAgo: 14,
        outcome: "place",
        reviewInMonths: 12,
        parts: { "young-person": "meeting", family: "written-views", "health-lead": "meeting", setting: "meeting" },
        reasons: [["NF-R5", "Anxiety has kept Tyler out of lessons for several weeks despite tutorial support."]],
        evidence: "Tyler's own account; the CAMHS letter; attendance records.",
      },
      actor,
    );
    await decide(
      prisma,
      tyler.id,
      today,
      {
        monthsAgo: 2,
        outcome: "confirm",
        reviewInMonths: 10,
        parts: { "young-person": "meeting", "health-lead": "written-views", setting: "meeting" },
        reasons: [["NF-R5", "Needs continue; the mentoring is working."]],
        evidence: "Tyler's views and his mentor's notes.",
        summary: "Support confirmed; planning for the move to an apprenticeship starts next term.",
      },
      actor,
    );
    await saveRecordVersion(
      {
        childId: tyler.id,
        content: {
          ...record("Tyler", "SEMH"),
          views: "I do better when I know the plan for the day. I want to be an electrician.",
          aspirations: "An electrical apprenticeship after college.",
          transitions: "Move to an apprenticeship: planning meeting with the careers adviser next term.",
        },
        changeSummary: "Record written with Tyler.",
      },
      actor,
      { db: prisma, now: new Date(`${addCalendarMonths(today, -14)}T15:00:00Z`) },
    );
  }

  // The wider register: every other child was placed on evidence, some after an earlier refusal;
  // some have been reviewed, and some reviews are now late.
  // One transaction per batch of children: the same service, fewer round trips (the seed runs at start-up).
  const framework = await currentFramework(prisma);
  if (!framework) throw new Error("No framework to cite");
  const records: { childId: string; name: string; need: string; monthsAgo: number; actor: { userId: string; name: string } }[] = [];
  const rest = children.slice(3);
  for (let start = 0; start < rest.length; start += 60) {
    await prisma.$transaction(
      async (tx) => {
        const db = { tx, framework };
        for (const child of rest.slice(start, start + 60)) {
          const actor = senco(child.settingId);
          const reason = NEED_REASON[child.primaryNeed] ?? ["NF-R1", "Needs persist despite good ordinary provision."];
          const placedMonthsAgo = 3 + Math.floor(random() * 30);
          if (random() < 0.08)
            await decide(
              db,
              child.id,
              today,
              {
                monthsAgo: placedMonthsAgo + 4,
                outcome: "not_place",
                reasons: [["NF-R8", "Needs judged to be met by ordinary provision at the time."]],
                evidence: "Class observations.",
              },
              actor,
            );
          await decide(
            db,
            child.id,
            today,
            {
              monthsAgo: placedMonthsAgo,
              outcome: "place",
              reviewInMonths: 12,
              parts: random() < 0.15 ? { family: "written-views", setting: "meeting" } : TYPICAL,
              reasons: [reason],
              evidence: "Assessment reports, the family's views and the graduated approach record.",
            },
            actor,
          );
          // Annual reviews, each held with a 90% chance; the first one missed stays overdue.
          for (let monthsAgo = placedMonthsAgo - 12; monthsAgo >= 0 && random() < 0.9; monthsAgo -= 12) {
            await decide(
              db,
              child.id,
              today,
              { monthsAgo, outcome: random() < 0.7 ? "confirm" : "change", reviewInMonths: 12, reasons: [reason], evidence: "Annual review with the family." },
              actor,
            );
          }
          if (random() < 0.25) records.push({ childId: child.id, name: child.givenName, need: child.primaryNeed, monthsAgo: placedMonthsAgo, actor });
        }
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
  }
  for (const r of records) {
    await saveRecordVersion({ childId: r.childId, content: record(r.name, r.need), changeSummary: "Record written after placement." }, r.actor, {
      db: prisma,
      now: new Date(`${addCalendarMonths(today, -r.monthsAgo)}T15:00:00Z`),
    });
  }

  // A family new to the register: Joanne Walker asks Beckett Park to consider Leah (the journey
  // the end-to-end test walks; she signs in with the demo password).
  const beckett = await prisma.setting.findFirst({ where: { name: "Beckett Park Primary School" }, select: { id: true, localAreaId: true } });
  if (beckett && !(await prisma.user.findUnique({ where: { email: "joanne.walker@example.com" } }))) {
    const joanne = await prisma.user.create({
      data: { email: "joanne.walker@example.com", name: "Joanne Walker", passwordHash: await hashPassword(DEMO_PASSWORD), roles: { connect: { name: "family" } } },
    });
    await prisma.child.create({
      data: {
        registerRef: "AN-900001",
        givenName: "Leah",
        familyName: "Walker",
        dateOfBirth: dateColumn(addCalendarDays(addCalendarMonths(today, -7 * 12), -40)),
        ethnicity: "WHITE",
        sex: "female",
        freeSchoolMeals: false,
        deprivationDecile: 5,
        primaryNeed: "SLCN",
        registerStatus: "not_considered",
        settingId: beckett.id,
        localAreaId: beckett.localAreaId,
        guardians: { create: { userId: joanne.id, relationship: "mother" } },
      },
    });
  }

  return true;
}
