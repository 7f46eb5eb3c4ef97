import { dayNumber, isoFromDayNumber, weekday } from "./iso-date";

/**
 * England & Wales bank holidays derived from the statutory pattern plus the
 * proclaimed one-offs. Used to generate and check the shipped table in
 * `bank-holidays.ts`; the calendar itself reads only the table.
 */
export type BankHoliday = { date: string; name: string };

const ONE_OFF_CHANGES: Record<number, { drop?: string[]; add: BankHoliday[] }> = {
  2020: {
    drop: ["Early May bank holiday"],
    add: [{ date: "2020-05-08", name: "Early May bank holiday (VE day)" }],
  },
  2022: {
    drop: ["Spring bank holiday"],
    add: [
      { date: "2022-06-02", name: "Spring bank holiday" },
      { date: "2022-06-03", name: "Platinum Jubilee bank holiday" },
      { date: "2022-09-19", name: "Bank Holiday for the State Funeral of Queen Elizabeth II" },
    ],
  },
  2023: { add: [{ date: "2023-05-08", name: "Bank holiday for the coronation of King Charles III" }] },
};

/** Easter Sunday by the anonymous Gregorian (Meeus/Jones/Butcher) computus. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${pad(month)}-${pad(day)}`;
}

export function englandAndWalesBankHolidays(year: number): BankHoliday[] {
  const easter = dayNumber(easterSunday(year));
  const regular: BankHoliday[] = [
    newYear(year),
    { date: isoFromDayNumber(easter - 2), name: "Good Friday" },
    { date: isoFromDayNumber(easter + 1), name: "Easter Monday" },
    { date: nthMonday(year, 5, 1), name: "Early May bank holiday" },
    { date: lastMonday(year, 5), name: "Spring bank holiday" },
    { date: lastMonday(year, 8), name: "Summer bank holiday" },
    ...christmas(year),
  ];
  const change = ONE_OFF_CHANGES[year];
  const kept = regular.filter((h) => !change?.drop?.includes(h.name));
  return [...kept, ...(change?.add ?? [])].sort((x, y) => x.date.localeCompare(y.date));
}

/**
 * Christmas Day and Boxing Day: a day that falls on a weekday is kept; one that
 * falls at a weekend moves to the next weekday not already taken (gov.uk naming).
 */
function christmas(year: number): BankHoliday[] {
  const fixed = [
    { day: dayNumber(`${year}-12-25`), name: "Christmas Day" },
    { day: dayNumber(`${year}-12-26`), name: "Boxing Day" },
  ];
  const taken = new Set(fixed.filter(({ day }) => !isWeekend(day)).map(({ day }) => day));
  return fixed.map(({ day, name }) => {
    if (!isWeekend(day)) return { date: isoFromDayNumber(day), name };
    let observed = day;
    while (isWeekend(observed) || taken.has(observed)) observed += 1;
    taken.add(observed);
    return { date: isoFromDayNumber(observed), name: `${name} (substitute day)` };
  });
}

function newYear(year: number): BankHoliday {
  let day = dayNumber(`${year}-01-01`);
  const name = isWeekend(day) ? "New Year’s Day (substitute day)" : "New Year’s Day";
  while (isWeekend(day)) day += 1;
  return { date: isoFromDayNumber(day), name };
}

function isWeekend(day: number): boolean {
  return weekday(day) === 0 || weekday(day) === 6;
}

function nthMonday(year: number, month: number, n: number): string {
  const first = dayNumber(`${year}-${pad(month)}-01`);
  const firstMonday = first + ((8 - weekday(first)) % 7);
  return isoFromDayNumber(firstMonday + 7 * (n - 1));
}

function lastMonday(year: number, month: number): string {
  const nextMonthFirst = month === 12 ? dayNumber(`${year + 1}-01-01`) : dayNumber(`${year}-${pad(month + 1)}-01`);
  const last = nextMonthFirst - 1;
  return isoFromDayNumber(last - ((weekday(last) + 6) % 7));
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
