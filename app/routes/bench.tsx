import type { MetaFunction } from "@remix-run/node";
import { getEnv } from "../utils/env.server";

// The "bare document route" of the HTTP benchmark (bench/http.ts, docs/decisions/029): a page
// through the same server, root layout and loader as every other page, with nothing of its own
// to load. Not served in production, where it would only be a page nobody needs.

export const meta: MetaFunction = () => [{ title: "Measuring page – Redress" }];

export function loader() {
  if (getEnv().APP_ENV === "production") throw new Response("Not found", { status: 404 });
  return null;
}

export default function BenchPage() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Measuring page</h1>
        <p className="govuk-body">This page is used to measure how quickly the service answers. It has nothing to read.</p>
      </div>
    </div>
  );
}
