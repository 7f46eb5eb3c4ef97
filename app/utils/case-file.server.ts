import type { CaseEventType, CaseView } from "../../machines";
import { draftRemediesOf, escalationsOf, familyPrompts, historyOf, writtenOf, type FileNames, type LogEvent } from "./case-file";
import type { Capacity } from "./case-actions";
import type { loadCaseForUser } from "./case-page.server";

type CaseRow = Awaited<ReturnType<typeof loadCaseForUser>>["row"];

export function fileNamesOf(row: CaseRow, view: Pick<CaseView, "route">): FileNames {
  return {
    setting: row.setting.name,
    national: view.route === "process" ? "the Ombudsman" : "the national practice body",
    people: { ...row.people, ...Object.fromEntries(row.assignments.map((a) => [a.user.id, a.user.name])) },
  };
}

/** The latest mediation session arranged: its day, and the time and place when the mediator gave them. */
function sessionOf(events: LogEvent[], view: CaseView) {
  if (view.mediation?.status !== "in-progress") return undefined;
  const latest = events.filter((e) => e.type === "SCHEDULE_SESSION").sort((a, b) => b.seq - a.seq)[0];
  const p = (latest?.payload ?? {}) as { sessionOn?: string; sessionTime?: string; place?: string };
  if (!p.sessionOn || !view.mediation.sessions.includes(p.sessionOn)) return undefined;
  return { on: p.sessionOn, ...(p.sessionTime ? { time: p.sessionTime } : {}), ...(p.place ? { place: p.place } : {}) };
}

/** Everything written and decided on the case, ready to show to this reader. */
export function caseFileFor(
  row: CaseRow,
  view: CaseView,
  capacities: readonly Capacity[],
  actions: readonly CaseEventType[],
  events: LogEvent[],
  latest: { events: LogEvent[]; more: boolean },
  /** Private evidence this reader may see (docs/decisions/022): the history names it with its description. */
  privateEvidenceShown: ReadonlySet<string> = new Set(),
) {
  const isFamily = capacities.includes("family");
  const names = fileNamesOf(row, view);
  const session = sessionOf(events, view);
  return {
    prompts: familyPrompts(view, names, { isFamily, mayEscalateNow: isFamily ? actions.includes("ESCALATE") : true }),
    // The latest entries only: the page costs the same at 10 events or 10,000 (docs/decisions/017).
    history: historyOf(latest.events, view, names, isFamily, privateEvidenceShown),
    moreHistory: latest.more,
    comments: writtenOf(events, "SUBMIT_COMMENTS"),
    contributions: writtenOf(events, "CONTRIBUTE_TO_RESPONSE"),
    escalations: escalationsOf(events, names),
    draftRemedies: draftRemediesOf(events),
    ...(session ? { session } : {}),
  };
}
