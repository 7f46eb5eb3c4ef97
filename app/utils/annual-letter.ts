import type { Letter } from "./patterns.server";

// The annual review letter's wording, shared by its page and its PDF (not a .server module: the
// page renders it in the browser too).

export const ANNUAL_LETTER_WORDS = {
  intro: (l: Pick<Letter, "name" | "year" | "comparedWith" | "level">) =>
    `This letter summarises the concerns about children with additional needs that reached ${l.name} in ${l.year}, and how they were handled, beside the same figures for ${l.comparedWith}. We hope it helps you see where your complaint handling is working well and where it could improve.`,
  greeting: (l: Pick<Letter, "name" | "year" | "comparedWith" | "level">) => `Dear ${l.level === "setting" ? "headteacher or principal" : "Director of Children’s Services"},`,
  rounding:
    "Counts are rounded to the nearest 5 (0, 1 and 2 show as 0); rates and working-day figures are given only on 30 or more cases. [c] means withheld to protect privacy, [z] means nothing to measure. Definitions are on the methodology page.",
  from: "National Practice Body",
};
