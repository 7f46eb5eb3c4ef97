import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { getUser } from "../utils/session.server";
import { SummaryList } from "../components/table";

export const meta: MetaFunction = () => [{ title: "Raise a concern about support for a child with additional needs – Redress" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/dashboard");
  return null;
}

export default function Start() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">Raise a concern about support for a child with additional needs</h1>
        <p className="govuk-body-l">
          Use this service if you are a parent, carer or young person and you are unhappy with how a decision was made, or with the support a child on the additional needs register
          is getting.
        </p>
        <p className="govuk-body">You can use it to:</p>
        <ul className="govuk-list govuk-list--bullet">
          <li>raise a concern with the nursery, school or college first</li>
          <li>take it to your local service if you are not satisfied</li>
          <li>take it to the national body if it is still not resolved</li>
          <li>see where your concern is, what happens next and by when</li>
          <li>ask for mediation at any point</li>
        </ul>
        <h2 className="govuk-heading-m">Two kinds of concern</h2>
        <SummaryList
          rows={[
            {
              key: { text: "How a decision was made" },
              value: {
                text: "For example, whether to place your child on the register, reviews that were not held, or being left out of decisions. These can go to an independent ombudsman.",
              },
            },
            {
              key: { text: "The support itself" },
              value: { text: "The level or quality of support, judged against the National Framework of standards. These can go to the national practice body." },
            },
          ]}
        />
        <Link to="/sign-in" role="button" draggable="false" className="govuk-button govuk-button--start" data-module="govuk-button">
          Start now
          <svg className="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
            <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
          </svg>
        </Link>
        <p className="govuk-body">Staff of settings, local services, mediators and national bodies also sign in here.</p>
      </div>
    </div>
  );
}
