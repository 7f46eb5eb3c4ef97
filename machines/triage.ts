import { caseInputSchema, type CaseInput, type Issue } from "./case-input";
import { ISSUE_CATEGORIES, ROUTES, type Route } from "./route";

/** A concern as raised, before triage: issues may belong to either route. */
export type Concern = Omit<CaseInput, "caseRef" | "route" | "linkedCaseRef"> & { concernRef: string };

const ROUTE_SUFFIX: Record<Route, string> = { process: "P", substance: "S" };

export function caseRefFor(concernRef: string, route: Route): string {
  return `${concernRef}-${ROUTE_SUFFIX[route]}`;
}

/**
 * Splits a concern into one case per route it touches; a mixed concern gives
 * two cases that name each other in `linkedCaseRef`. Each case then runs its
 * own machine with its own ladder.
 */
export function triageConcern(concern: Concern): [CaseInput] | [CaseInput, CaseInput] {
  const { concernRef, issues, ...shared } = concern;
  const byRoute = (route: Route): Issue[] => issues.filter((issue) => ISSUE_CATEGORIES[issue.category as keyof typeof ISSUE_CATEGORIES] === route);
  const unknown = issues.filter((issue) => !(issue.category in ISSUE_CATEGORIES));
  if (unknown.length > 0) throw new RangeError(`unknown issue categories: ${unknown.map((issue) => issue.category).join(", ")}`);

  const routes = ROUTES.filter((route) => byRoute(route).length > 0);
  const cases = routes.map((route) => {
    const other = routes.find((r) => r !== route);
    return caseInputSchema.parse({
      ...shared,
      caseRef: caseRefFor(concernRef, route),
      route,
      issues: byRoute(route),
      ...(other ? { linkedCaseRef: caseRefFor(concernRef, other) } : {}),
    }) as CaseInput;
  });
  if (cases.length === 0) throw new RangeError("a concern needs at least one issue");
  return cases as [CaseInput] | [CaseInput, CaseInput];
}
