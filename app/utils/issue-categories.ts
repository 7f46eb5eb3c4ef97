// A leaf module of machines/ (no dependencies), so the browser bundle stays small.
import { ISSUE_CATEGORIES, type IssueCategory } from "../../machines";

export const ISSUE_CATEGORY_NAMES = Object.keys(ISSUE_CATEGORIES) as [IssueCategory, ...IssueCategory[]];

// Plain-English names for the machine's issue categories, as a family would put them.
export const ISSUE_CATEGORY_TEXT: Record<IssueCategory, { label: string; hint: string }> = {
  "register-placement": { label: "The decision to place my child on the register", hint: "For example, I was not told or asked" },
  "register-refusal": { label: "The decision not to place my child on the register", hint: "My child needs support beyond what every child gets" },
  "register-removal": { label: "The decision to take my child off the register", hint: "" },
  "review-not-held": { label: "Reviews that have not been held", hint: "The register entry should be reviewed regularly" },
  "family-not-involved": { label: "I was left out of decisions", hint: "Decisions about the register or support were made without me" },
  "health-lead-not-involved": { label: "The health lead was left out", hint: "Health professionals should take part where health needs are involved" },
  "record-not-co-constructed": { label: "The development record was not written with us", hint: "It should be put together with the family and partner agencies" },
  "support-level": { label: "The amount of support", hint: "For example, hours of help or access to a specialist" },
  "support-quality": { label: "The quality of support", hint: "Judged against the National Framework of standards" },
  "health-support": { label: "Health support", hint: "For example, speech and language therapy or mental health support" },
  "transition-support": { label: "Support when moving between settings", hint: "For example, starting school or moving to college" },
};

// A young person raising their own concern reads these instead.
const YOUNG_PERSON_TEXT: Partial<Record<IssueCategory, { label: string; hint: string }>> = {
  "register-placement": { label: "The decision to place me on the register", hint: "For example, I was not told or asked" },
  "register-refusal": { label: "The decision not to place me on the register", hint: "I need support beyond what everyone gets" },
  "register-removal": { label: "The decision to take me off the register", hint: "" },
};

export function issueCategoryText(category: IssueCategory, youngPerson: boolean): { label: string; hint: string } {
  return (youngPerson ? YOUNG_PERSON_TEXT[category] : undefined) ?? ISSUE_CATEGORY_TEXT[category];
}
