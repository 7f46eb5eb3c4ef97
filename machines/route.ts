/** The two routes of redress and the kinds of issue each one hears. */
export type Route = "process" | "substance";

export const ROUTES = ["process", "substance"] as const satisfies readonly Route[];

/** Issue categories, each heard on exactly one route. */
export const ISSUE_CATEGORIES = {
  "register-placement": "process",
  "register-refusal": "process",
  "register-removal": "process",
  "review-not-held": "process",
  "family-not-involved": "process",
  "health-lead-not-involved": "process",
  "record-not-co-constructed": "process",
  "support-level": "substance",
  "support-quality": "substance",
  "health-support": "substance",
  "transition-support": "substance",
} as const satisfies Record<string, Route>;

export type IssueCategory = keyof typeof ISSUE_CATEGORIES;

export function routeOf(category: IssueCategory): Route {
  return ISSUE_CATEGORIES[category];
}
