import { addWorkingDays, EventNotAllowedError, isWorkingDay, viewCase, type CaseEvent, type IssueCategory } from "../machines";
import type { PrismaClient } from "../generated/prisma/client";
import { applyCaseEvent, type EventAuthor } from "../app/utils/cases.server";
import { openChildConcern } from "../app/utils/concerns.server";
import { londonDate } from "../app/utils/dates";
import { ISSUE_CATEGORY_TEXT } from "../app/utils/issue-categories";
import { sweepDeadlines } from "../app/utils/sweeper.server";

// Demo concerns, replayed through the real case service day by day (the sweeper runs before
// each step, as it would have in real time), so every case in the demo is one the machines
// really produced: its deadlines, breaches, warnings and history are all genuine.

type EventBody = CaseEvent extends infer E ? (E extends CaseEvent ? Omit<E, "at"> : never) : never;
type Step = { daysAfter: number; by: "family" | "handler" | "mediator" | "national" | "officer"; event: EventBody | ((ctx: StepContext) => EventBody) };
interface StepContext {
  /** The day this step is dated (London). */
  at: string;
  /** The seed's today. */
  today: string;
  issueIds: string[];
  handler: string;
  officer: string;
  national: string;
  mediator: string;
}

export interface Story {
  childRef: string;
  categories: IssueCategory[];
  healthInvolved: boolean;
  summary: string;
  /** Working days before today that the concern reached the setting. */
  receivedWorkingDaysAgo: number;
  /** Per route, the steps after receipt (days are working days after the previous step). */
  steps: Partial<Record<"process" | "substance", Step[]>>;
}

type Remedies = Extract<CaseEvent, { type: "RESPOND" }>["outcome"]["remedies"];
const respond =
  (finding: "upheld" | "partly-upheld" | "not-upheld", remedies: Remedies = []) =>
  ({ issueIds }: StepContext): EventBody => ({ type: "RESPOND", outcome: outcome(finding, issueIds, remedies) });
const decide =
  (type: "ISSUE_DRAFT_DECISION" | "ISSUE_FINAL_DECISION", finding: "upheld" | "partly-upheld", reasons: string, remedies: Remedies) =>
  ({ issueIds, national }: StepContext): EventBody => ({ type, decidedBy: national, outcome: { ...outcome(finding, issueIds, remedies), reasons } });
const outcome = (finding: "upheld" | "partly-upheld" | "not-upheld", issueIds: string[], remedies: Remedies) => ({
  findings: issueIds.map((issueId) => ({ issueId, finding })),
  reasons:
    finding === "not-upheld"
      ? "We looked at the records and the decision followed the agreed process; we have explained it to the family."
      : "The support set out in the development record was not delivered in full this term.",
  standards: ["NF-2.1", "NF-3.2"],
  remedies,
});

export function workingDaysBefore(date: string, days: number): string {
  let current = date;
  let left = days;
  while (left > 0) {
    const d = new Date(`${current}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 1);
    current = d.toISOString().slice(0, 10);
    if (isWorkingDay(current)) left--;
  }
  return current;
}

export const PERSONA_STORIES: Story[] = [
  {
    // Amira: a review not held AND support cut: split into two linked cases, health involved.
    childRef: "AN-000001",
    categories: ["review-not-held", "support-level"],
    healthInvolved: true,
    summary: "Yusuf's register review was due in September and has not happened. His one-to-one support has been cut from 10 to 4 hours a week without anyone talking to us.",
    receivedWorkingDaysAgo: 9,
    steps: {
      process: [
        { daysAfter: 2, by: "handler", event: ({ handler }) => ({ type: "ACKNOWLEDGE", handlerId: handler }) },
        // Messages and an internal note (docs/decisions/023): the family and the school write to each other.
        {
          daysAfter: 1,
          by: "family",
          event: { type: "SEND_MESSAGE", party: "family", message: "Could we meet before half term? I can come in any afternoon except Wednesday." },
        },
        {
          daysAfter: 1,
          by: "handler",
          event: { type: "SEND_MESSAGE", party: "setting", message: "Thank you. Tuesday at 3:30pm in the school office would suit us. Yusuf's key worker will join." },
        },
        {
          daysAfter: 0,
          by: "handler",
          event: { type: "ADD_INTERNAL_NOTE", party: "setting", note: "Check with the local authority when the annual review was last booked before Tuesday's meeting." },
        },
      ],
      substance: [
        // Triage marked it urgent: it sits at the top of every queue (docs/decisions/024).
        { daysAfter: 1, by: "handler", event: { type: "MARK_URGENT", reason: "placement-at-risk", details: "Yusuf's place is at risk without his one-to-one support." } },
        { daysAfter: 1, by: "handler", event: ({ handler }) => ({ type: "ACKNOWLEDGE", handlerId: handler }) },
        {
          daysAfter: 5,
          by: "handler",
          event: respond("partly-upheld", [
            { kind: "apology", description: "Written apology to the family for the change made without them" },
            { kind: "action", description: "Restore 8 hours a week of one-to-one support", dueOn: "" },
          ]),
        },
      ],
    },
  },
  {
    // Gareth: left out of decisions; answered at both lower rungs, now with the ombudsman.
    childRef: "AN-000002",
    categories: ["family-not-involved"],
    healthInvolved: false,
    summary: "Megan's support plan was rewritten at a meeting we were not invited to. We only found out from her speech and language therapist.",
    receivedWorkingDaysAgo: 50,
    steps: {
      process: [
        { daysAfter: 3, by: "handler", event: ({ handler }) => ({ type: "ACKNOWLEDGE", handlerId: handler }) },
        { daysAfter: 8, by: "handler", event: respond("not-upheld") },
        { daysAfter: 6, by: "family", event: { type: "ESCALATE", reason: "The school has not explained why we were not invited." } },
        { daysAfter: 4, by: "officer", event: ({ officer }) => ({ type: "ACKNOWLEDGE", handlerId: officer }) },
        { daysAfter: 15, by: "officer", event: respond("not-upheld") },
        { daysAfter: 10, by: "family", event: { type: "ESCALATE" } },
      ],
    },
  },
  {
    // Tyler: his college never acknowledged; the breach gives him the right to escalate now.
    childRef: "AN-000003",
    categories: ["transition-support"],
    healthInvolved: false,
    summary: "I started college in September and none of the transition support in my development record has been put in place.",
    receivedWorkingDaysAgo: 8,
    steps: {},
  },
];

/** A day `days` calendar days after `date`. */
function daysAfter(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const ack = (who: "handler" | "officer" | "national"): Step => ({ daysAfter: who === "handler" ? 2 : 3, by: who, event: (ctx) => ({ type: "ACKNOWLEDGE", handlerId: ctx[who] }) });

/**
 * Cases at the stages the persona stories do not reach, so every part of the case file can be
 * tried (README "what to try"). Seeded after the generated stories, so the refs of the earlier
 * demo concerns (and the tests that name them) do not move.
 */
export const STAGE_STORIES: Story[] = [
  {
    // Gareth: a draft decision at the national practice body, open for his comments.
    childRef: "AN-000002",
    categories: ["support-quality"],
    healthInvolved: false,
    summary: "Megan's speech and language sessions have been given by an untrained assistant since January, not the therapist named in her support plan.",
    receivedWorkingDaysAgo: 50,
    steps: {
      substance: [
        ack("handler"),
        { daysAfter: 6, by: "handler", event: respond("not-upheld") },
        { daysAfter: 5, by: "family", event: { type: "ESCALATE", reason: "The school says an assistant is enough. The plan says a therapist." } },
        ack("officer"),
        { daysAfter: 10, by: "officer", event: respond("not-upheld") },
        { daysAfter: 5, by: "family", event: { type: "ESCALATE", reason: "Nobody has looked at what the plan actually says." } },
        ack("national"),
        {
          daysAfter: 3,
          by: "national",
          event: { type: "ACCEPT_FOR_INVESTIGATION", reasons: "The concern is about the quality of support against the plan: within what we look at." },
        },
        {
          daysAfter: 10,
          by: "national",
          event: decide(
            "ISSUE_DRAFT_DECISION",
            "upheld",
            "The support plan names a qualified speech and language therapist. Sessions given by an untrained assistant do not meet it.",
            [
              { kind: "action", description: "Restore weekly sessions with a qualified speech and language therapist", dueOn: "" },
              { kind: "apology", description: "Written apology to Megan and her family" },
            ],
          ),
        },
      ],
    },
  },
  {
    // Amira: mediation accepted at the setting, Sam Okafor assigned, the session booked with a time and place.
    childRef: "AN-000001",
    categories: ["family-not-involved"],
    healthInvolved: false,
    summary: "Yusuf's lunchtime arrangements were changed after a staff meeting we were not told about.",
    receivedWorkingDaysAgo: 10,
    steps: {
      process: [
        ack("handler"),
        { daysAfter: 2, by: "family", event: { type: "OFFER_MEDIATION", requestedBy: "family" } },
        { daysAfter: 1, by: "handler", event: { type: "SEND_MEDIATION_INFORMATION" } },
        { daysAfter: 1, by: "family", event: { type: "ACCEPT_MEDIATION" } },
        { daysAfter: 1, by: "handler", event: ({ mediator }) => ({ type: "ASSIGN_MEDIATOR", mediatorId: mediator }) },
        {
          daysAfter: 1,
          by: "mediator",
          event: ({ today }) => ({
            type: "SCHEDULE_SESSION",
            sessionOn: daysAfter(today, 7),
            sessionTime: "10:00",
            place: "Meeting room 1, Beckett Park Primary School, Leeds LS6 3QS",
          }),
        },
      ],
    },
  },
  {
    // Tyler: a final decision whose remedy replaces the one his college never carried out; one remedy done, two owed.
    childRef: "AN-000003",
    categories: ["support-level"],
    healthInvolved: false,
    summary: "My one-to-one support at college was cut from 8 hours a week to 2 without a review.",
    receivedWorkingDaysAgo: 74,
    steps: {
      substance: [
        ack("handler"),
        {
          daysAfter: 6,
          by: "handler",
          event: respond("partly-upheld", [
            { kind: "action", description: "Restore 8 hours a week of one-to-one support", dueOn: "" },
            { kind: "apology", description: "Written apology for cutting the support without a review" },
          ]),
        },
        { daysAfter: 3, by: "handler", event: { type: "REMEDY_DONE", remedyId: "R2", evidence: "Letter of apology sent to Tyler by the principal." } },
        { daysAfter: 2, by: "family", event: { type: "ESCALATE", reason: "The college agreed but my hours have not come back." } },
        ack("officer"),
        { daysAfter: 10, by: "officer", event: respond("not-upheld") },
        { daysAfter: 4, by: "family", event: { type: "ESCALATE", reason: "Still no support, and the local service did not look at the hours." } },
        ack("national"),
        { daysAfter: 3, by: "national", event: { type: "ACCEPT_FOR_INVESTIGATION" } },
        {
          daysAfter: 10,
          by: "national",
          event: decide("ISSUE_DRAFT_DECISION", "upheld", "The support was cut without the review the framework requires, and the college's own remedy was not carried out.", [
            { kind: "action", description: "Restore six hours a week of one-to-one support, reviewed each term", dueOn: "", replaces: "R1" },
            { kind: "payment", description: "For the time and trouble of bringing the concern", amountPence: 25000 },
          ]),
        },
        { daysAfter: 2, by: "family", event: { type: "SUBMIT_COMMENTS", party: "family", comments: "I agree. Six hours is fine if it is reviewed every term with me there." } },
        {
          daysAfter: 9,
          by: "national",
          event: decide(
            "ISSUE_FINAL_DECISION",
            "upheld",
            "The support was cut without the review the framework requires, and the college's own remedy was not carried out. Reviews each term include Tyler.",
            [
              { kind: "action", description: "Restore six hours a week of one-to-one support, reviewed each term with Tyler", dueOn: "", replaces: "R1" },
              { kind: "payment", description: "For the time and trouble of bringing the concern", amountPence: 25000 },
            ],
          ),
        },
      ],
    },
  },
  {
    // Amira: the outcome accepted, and the setting's remedy now overdue.
    childRef: "AN-000001",
    categories: ["support-quality"],
    healthInvolved: false,
    summary: "Yusuf has no quiet space at lunchtime, which his support plan says he needs every day.",
    receivedWorkingDaysAgo: 40,
    steps: {
      substance: [
        ack("handler"),
        { daysAfter: 6, by: "handler", event: respond("upheld", [{ kind: "action", description: "Set up a quiet space for Yusuf at lunchtime, every day", dueOn: "" }]) },
        { daysAfter: 3, by: "family", event: { type: "ACCEPT_OUTCOME" } },
      ],
    },
  },
];

const FINDINGS = ["upheld", "partly-upheld", "not-upheld"] as const;
const CATEGORIES = Object.keys(ISSUE_CATEGORY_TEXT) as IssueCategory[];

/** Varied concerns across the register, so the national patterns have something to show. */
export function generatedStories(count: number, random: () => number, childRefs: string[]): Story[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  return Array.from({ length: count }, () => {
    const categories = random() < 0.3 ? [pick(CATEGORIES.slice(0, 7)), pick(CATEGORIES.slice(7))] : [pick(CATEGORIES)];
    const steps: Step[] = [];
    const roll = random();
    if (roll > 0.1) steps.push({ daysAfter: 1 + Math.floor(random() * 4), by: "handler", event: ({ handler }) => ({ type: "ACKNOWLEDGE", handlerId: handler }) });
    if (roll > 0.25) steps.push({ daysAfter: 3 + Math.floor(random() * 6), by: "handler", event: respond(pick(FINDINGS)) });
    if (roll > 0.25 && roll < 0.6) steps.push({ daysAfter: 2 + Math.floor(random() * 8), by: "family", event: { type: "ACCEPT_OUTCOME" } });
    if (roll >= 0.6) {
      steps.push({ daysAfter: 3 + Math.floor(random() * 10), by: "family", event: { type: "ESCALATE" } });
      if (roll > 0.7) steps.push({ daysAfter: 2 + Math.floor(random() * 3), by: "officer", event: ({ officer }) => ({ type: "ACKNOWLEDGE", handlerId: officer }) });
      if (roll > 0.8) steps.push({ daysAfter: 8 + Math.floor(random() * 10), by: "officer", event: respond(pick(FINDINGS)) });
    }
    const byRoute: Story["steps"] = {};
    for (const c of categories) byRoute[["support-level", "support-quality", "health-support", "transition-support"].includes(c) ? "substance" : "process"] = steps;
    return {
      childRef: pick(childRefs),
      categories: [...new Set(categories)],
      healthInvolved: random() < 0.25,
      summary: "Concern raised by the family about the support and decisions for their child.",
      receivedWorkingDaysAgo: 20 + Math.floor(random() * 180),
      steps: byRoute,
    };
  });
}

export async function seedCases(prisma: PrismaClient, stories: Story[], today = londonDate()): Promise<{ concerns: number; refused: string[] }> {
  const refused: string[] = [];
  const national = {
    process: await prisma.user.findUniqueOrThrow({ where: { email: "ruth.adeyemi@ombudsman.example.org.uk" } }),
    substance: await prisma.user.findUniqueOrThrow({ where: { email: "daniel.moore@practice.example.org.uk" } }),
  };
  const mediator = await prisma.user.findUniqueOrThrow({ where: { email: "sam.okafor@mediation.example.com" } });
  for (const [n, story] of stories.entries()) {
    const child = await prisma.child.findUniqueOrThrow({
      where: { registerRef: story.childRef },
      include: { guardians: { include: { user: true } }, youngPersonUser: true, setting: true },
    });
    const familyUser = child.youngPersonUser ?? child.guardians[0]?.user;
    if (!familyUser) continue;
    // The body's complaints lead (Helen Clarke, Priya Sharma) handles its demo concerns.
    const handlerUser = await prisma.user.findFirstOrThrow({ where: { settingId: child.settingId, complaintsLead: "lead", roles: { some: { name: "setting-staff" } } } });
    const officerUser = await prisma.user.findFirstOrThrow({ where: { localAreaId: child.localAreaId, complaintsLead: "lead", roles: { some: { name: "local-officer" } } } });
    const receivedOn = workingDaysBefore(today, story.receivedWorkingDaysAgo);
    const concernRef = `RC-${receivedOn.slice(0, 4)}-D${String(n + 1).padStart(5, "0")}`;
    const familyActor: EventAuthor = { kind: "user", userId: familyUser.id, name: familyUser.name };
    const { cases: rows } = await openChildConcern(prisma, concernRef, child, familyUser.id, { ...story, receivedOn }, familyActor);
    for (const row of rows) {
      const issueIds = viewCase(row).issues.map((i) => i.id);
      const ctx: Omit<StepContext, "at"> = { today, issueIds, handler: handlerUser.id, officer: officerUser.id, national: national[row.route].id, mediator: mediator.id };
      const actors: Record<Step["by"], EventAuthor> = {
        family: familyActor,
        handler: { kind: "user", userId: handlerUser.id, name: handlerUser.name },
        officer: { kind: "user", userId: officerUser.id, name: officerUser.name },
        national: { kind: "user", userId: national[row.route].id, name: national[row.route].name },
        mediator: { kind: "user", userId: mediator.id, name: mediator.name },
      };
      let at = receivedOn;
      for (const step of story.steps[row.route] ?? []) {
        at = addWorkingDays(at, step.daysAfter);
        if (at >= today) break;
        await sweepDeadlines({ prisma, caseId: row.id, now: new Date(`${at}T06:00:00Z`) });
        const body = typeof step.event === "function" ? step.event({ ...ctx, at }) : step.event;
        const event = withDueDates({ ...body, at } as CaseEvent, at);
        try {
          await applyCaseEvent(row.id, event, actors[step.by], {}, prisma);
        } catch (error) {
          // A generated walk can run into a rule (a closed window, say): the case stays where it is.
          if (!(error instanceof EventNotAllowedError)) throw error;
          refused.push(`${row.ref}: ${error.reason}`);
          break;
        }
      }
    }
  }
  // Everything due by today fires now, as the running sweeper would have done.
  await sweepDeadlines({ prisma, now: new Date(`${today}T06:00:00Z`) });
  // The replayed past must not flood inboxes: its messages are recorded but never sent.
  await prisma.outboxMessage.updateMany({ where: { status: "pending" }, data: { status: "skipped", lastError: "demo history: not sent" } });
  return { concerns: stories.length, refused };
}

/** Remedies written with an empty due date get one 20 working days after the decision. */
function withDueDates(event: CaseEvent, at: string): CaseEvent {
  if (event.type !== "RESPOND" && event.type !== "ISSUE_DRAFT_DECISION" && event.type !== "ISSUE_FINAL_DECISION") return event;
  const remedies = event.outcome.remedies.map((r) => (r.dueOn === "" ? { ...r, dueOn: addWorkingDays(at, 20) } : r));
  return { ...event, outcome: { ...event.outcome, remedies } } as CaseEvent;
}
