import { addCalendarDays, addCalendarMonths, type WorkingCalendar } from "./calendar";
import type { DeadlineEvent } from "./events";
import { compareDates, dateOf, dayNumber } from "./iso-date";

/**
 * Clocks are the durable deadlines of a case, kept as data in machine context
 * (XState `after` timers are not resumed after a restore). The app stores the
 * DeadlineSpecs derived from them and a sweeper sends their events when due.
 */
export const PARTIES = ["family", "setting", "local-service", "health-partner", "mediator", "national-body"] as const;
export type Party = (typeof PARTIES)[number];

export type PauseReason = "family" | "third-party" | "mediation";

export type Clock = {
  key: string;
  label: string;
  /** A window closing is expected (escalation, comments); a deadline passing is a breach. */
  kind: "deadline" | "window";
  calendar: string;
  startedBy: string;
  startedOn: string;
  /** The day counting starts from: startedOn, or the next working day when startedOn is not one. */
  countsFrom: string;
  workingDays?: number;
  calendarDays?: number;
  pausable: boolean;
  pausedWorkingDays: number;
  /** Working days spent paused for the family or a third party (mediation not counted): bounded by policy. */
  heldWorkingDays?: number;
  /** `until`: the last day of a bounded pause; the clock restarts by itself after it. */
  paused?: { since: string; for: PauseReason; reason: string; until?: string };
  extension?: { workingDays: number; reason: string; on: string };
  dueOn: string;
  breachedOn?: string;
  warningsSent: number[];
  /** Who must act before dueOn, and so who is warned. */
  owedBy: Party[];
  /** No reminders before it falls due (alerts such as the long-open alert). */
  noWarnings?: boolean;
};

export type ClockPlan = Pick<Clock, "key" | "label" | "kind" | "pausable" | "owedBy" | "noWarnings"> &
  (
    | { workingDays: number; calendarDays?: never; calendarMonths?: never }
    | { calendarDays: number; workingDays?: never; calendarMonths?: never }
    | { calendarMonths: number; workingDays?: never; calendarDays?: never }
  );

export type DeadlineSpec = {
  /** Stable: "rung1.respond" for the deadline, "rung1.respond.warn75" for its warnings. */
  key: string;
  kind: "deadline" | "warning";
  label: string;
  /** Last permitted day; the event fires once this day has passed. */
  dueOn: string;
  calendar: string;
  startedBy: string;
  startedOn: string;
  workingDays?: number;
  calendarDays?: number;
  /** What the sweeper sends, once, when dueOn has passed. */
  event: DeadlineEvent;
};

export type Clocks = Readonly<Record<string, Clock>>;

export function openClock(planned: ClockPlan, startedBy: string, at: string, calendar: WorkingCalendar): Clock {
  const startedOn = dateOf(at);
  // A length in months is fixed in calendar days when the clock starts (31 Jan + 1 month = 28/29 Feb).
  const { calendarMonths, ...rest } = planned;
  const plan = calendarMonths === undefined ? rest : { ...rest, calendarDays: dayNumber(addCalendarMonths(startedOn, calendarMonths)) - dayNumber(startedOn) };
  const opened = {
    ...plan,
    calendar: plan.calendarDays === undefined ? calendar.id : "calendar-days",
    startedBy,
    startedOn,
    countsFrom: plan.calendarDays === undefined ? calendar.clockStart(startedOn) : startedOn,
    pausedWorkingDays: 0,
    warningsSent: [],
  };
  return { ...opened, dueOn: dueOnOf(opened, calendar) };
}

/** What a due date is computed from. */
type Timing = Pick<Clock, "workingDays" | "calendarDays" | "extension" | "countsFrom" | "pausedWorkingDays">;

function totalDays(clock: Timing): number {
  return (clock.workingDays ?? clock.calendarDays ?? 0) + (clock.extension?.workingDays ?? 0);
}

function dayAfterOffset(clock: Timing, offset: number, calendar: WorkingCalendar): string {
  return clock.calendarDays === undefined ? calendar.addWorkingDays(clock.countsFrom, offset + clock.pausedWorkingDays) : addCalendarDays(clock.countsFrom, offset);
}

function dueOnOf(clock: Timing, calendar: WorkingCalendar): string {
  return dayAfterOffset(clock, totalDays(clock), calendar);
}

/**
 * Pausing stops the clock; its deadline and warnings are withdrawn until it resumes. A pause for
 * the family or a third party is bounded: it ends by itself after `maxHeldWorkingDays` in total
 * (the `.pauseEnds` deadline), so no clock can be held for ever.
 */
export function pauseClock(clock: Clock, at: string, pausedFor: PauseReason, reason: string, bound?: { maxHeldWorkingDays: number; calendar: WorkingCalendar }): Clock {
  if (!clock.pausable || clock.paused) return clock;
  const since = dateOf(at);
  const until = bound && pausedFor !== "mediation" ? bound.calendar.addWorkingDays(since, Math.max(0, bound.maxHeldWorkingDays - heldDays(clock))) : undefined;
  return { ...clock, paused: { since, for: pausedFor, reason, ...(until ? { until } : {}) } };
}

export const heldDays = (clock: Clock) => clock.heldWorkingDays ?? 0;

/** On resume the due date moves on by the working days the clock spent paused (never past a bounded pause's last day). */
export function resumeClock(clock: Clock, at: string, calendar: WorkingCalendar): Clock {
  if (!clock.paused) return clock;
  const { since, until } = clock.paused;
  const on = until && compareDates(dateOf(at), until) > 0 ? until : dateOf(at);
  const paused = Math.max(0, calendar.workingDaysBetween(since, on));
  const held = clock.paused.for === "mediation" ? heldDays(clock) : heldDays(clock) + paused;
  const resumed: Clock = { ...clock, paused: undefined, pausedWorkingDays: clock.pausedWorkingDays + paused, heldWorkingDays: held };
  return { ...resumed, dueOn: dueOnOf(resumed, calendar) };
}

export const pauseEndsKey = (clockKey: string) => `${clockKey}.pauseEnds`;

export function extendClock(clock: Clock, workingDays: number, reason: string, at: string, calendar: WorkingCalendar): Clock {
  const extended: Clock = { ...clock, extension: { workingDays, reason, on: dateOf(at) } };
  return { ...extended, dueOn: dueOnOf(extended, calendar) };
}

/** Working-day offsets of the warnings: floor(p% of the period), dropping 0, the whole period and repeats. */
export function warningOffsets(clock: Clock, percents: readonly number[]): Array<{ percent: number; offset: number }> {
  const total = totalDays(clock);
  const seen = new Set<number>();
  return percents.flatMap((percent) => {
    const offset = Math.floor((total * percent) / 100);
    if (offset <= 0 || offset >= total || seen.has(offset)) return [];
    seen.add(offset);
    return [{ percent, offset }];
  });
}

const warningKey = (clockKey: string, percent: number) => `${clockKey}.warn${percent}`;

/** Parses "rung1.respond.warn75" into its clock key and percent. */
function parseWarningKey(key: string): { clockKey: string; percent: number } | undefined {
  const match = /^(.*)\.warn(\d+)$/.exec(key);
  return match ? { clockKey: match[1] as string, percent: Number(match[2]) } : undefined;
}

/** The open deadline and pending warnings of a running clock; none while paused or after a breach. */
export function deadlineSpecs(clock: Clock, percents: readonly number[], calendar: WorkingCalendar): DeadlineSpec[] {
  const common = { calendar: clock.calendar, startedBy: clock.startedBy, startedOn: clock.startedOn };
  if (clock.paused?.until && !clock.breachedOn) {
    const key = pauseEndsKey(clock.key);
    return [
      {
        key,
        kind: "deadline",
        label: `The pause ends and the clock restarts by itself: ${clock.label}`,
        dueOn: clock.paused.until,
        calendar: clock.calendar,
        startedBy: "PAUSE",
        startedOn: clock.paused.since,
        workingDays: calendar.workingDaysBetween(clock.paused.since, clock.paused.until),
        event: { type: "DEADLINE_MISSED", key, at: addCalendarDays(clock.paused.until, 1) },
      },
    ];
  }
  if (clock.paused || clock.breachedOn) return [];
  const length = (days: number) => (clock.calendarDays === undefined ? { workingDays: days } : { calendarDays: days });
  const warnings = warningOffsets(clock, clock.noWarnings ? [] : percents)
    .filter(({ percent }) => !clock.warningsSent.includes(percent))
    .map(({ percent, offset }): DeadlineSpec => {
      const dueOn = dayAfterOffset(clock, offset, calendar);
      const key = warningKey(clock.key, percent);
      return {
        key,
        kind: "warning",
        label: `Reminder, ${percent}% of the time used: ${clock.label}`,
        dueOn,
        ...common,
        ...length(offset),
        event: { type: "DEADLINE_WARNING", key, at: addCalendarDays(dueOn, 1) },
      };
    });
  const deadline: DeadlineSpec = {
    key: clock.key,
    kind: "deadline",
    label: clock.label,
    dueOn: clock.dueOn,
    ...common,
    ...length(totalDays(clock)),
    event: { type: "DEADLINE_MISSED", key: clock.key, at: addCalendarDays(clock.dueOn, 1) },
  };
  return [...warnings, deadline];
}

/** A DEADLINE_* event counts only for a spec still open and whose day has passed: stale firings are no-ops. */
export function isDue(specs: readonly DeadlineSpec[], event: DeadlineEvent): boolean {
  const spec = specs.find((s) => s.key === event.key && s.event.type === event.type);
  return spec !== undefined && compareDates(dateOf(event.at), spec.dueOn) > 0;
}

export function withClock(clocks: Clocks, clock: Clock): Clocks {
  return { ...clocks, [clock.key]: clock };
}

export function withoutClocks(clocks: Clocks, shouldClose: (key: string) => boolean): Clocks {
  return Object.fromEntries(Object.entries(clocks).filter(([key]) => !shouldClose(key)));
}

export function mapClocks(clocks: Clocks, change: (clock: Clock) => Clock): Clocks {
  return Object.fromEntries(Object.entries(clocks).map(([key, clock]) => [key, change(clock)]));
}

/** Marks the warning as sent; the caller has already checked it is due. */
export function markWarningSent(clocks: Clocks, key: string): { clocks: Clocks; clock: Clock; percent: number } {
  const warning = parseWarningKey(key);
  const clock = warning && clocks[warning.clockKey];
  if (!warning || !clock) throw new RangeError(`no open warning ${key}`);
  const sent = { ...clock, warningsSent: [...clock.warningsSent, warning.percent] };
  return { clocks: withClock(clocks, sent), clock: sent, percent: warning.percent };
}

/** A missed deadline stays on record as breached (it is still owed) but stops producing deadlines. */
export function markBreached(clocks: Clocks, key: string, at: string): { clocks: Clocks; clock: Clock } {
  const clock = clocks[key];
  if (!clock) throw new RangeError(`no open clock ${key}`);
  const breached = { ...clock, breachedOn: dateOf(at) };
  return { clocks: withClock(clocks, breached), clock: breached };
}
