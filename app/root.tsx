import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { isRouteErrorResponse, Link, Links, Outlet, Scripts, ScrollRestoration, useLoaderData, useLocation, useRouteError, useRouteLoaderData } from "@remix-run/react";
import govukCss from "govuk-frontend/dist/govuk/govuk-frontend.min.css";
import { useEffect, useRef, type ReactNode } from "react";
import { MetaWithFormErrors } from "./components/form-kit";
import { Footer, Header, PhaseBanner, ServiceNavigation, type NavUser } from "./components/layout";
import { NotificationBanner } from "./components/notification-banner";
import redressCss from "./styles/redress.css";
import { getEnv } from "./utils/env.server";
import { readFlash } from "./utils/flash.server";
import { navigationFor } from "./utils/navigation";
import { useNonce } from "./utils/nonce";
import { getUser } from "./utils/session.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: govukCss },
  { rel: "stylesheet", href: redressCss },
  { rel: "icon", href: "/assets/images/favicon.ico", sizes: "48x48" },
];

export const meta: MetaFunction = () => [{ title: "Redress – concerns about support for children with additional needs" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, { flash, headers }] = await Promise.all([getUser(request), readFlash(request)]);
  const navUser: NavUser | null = user ? { name: user.name, roleLabels: user.roles.map((r) => r.label), nav: navigationFor(user) } : null;
  return json({ user: navUser, flash, appEnv: getEnv().APP_ENV }, { headers });
}

// Re-read the session and the one-time message on every navigation: a flash belongs to the page it
// was sent to, and a session that expired should show as signed out straight away.
export const shouldRevalidate = () => true;

// GOV.UK Frontend's template snippet: mark the body before first paint so JavaScript-only
// styles apply without a flash. Allowed by the response's CSP nonce.
const GOVUK_BODY_CLASS = "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');";

/**
 * After a client-side navigation (never on the first load), focus moves to the new page as a full page
 * load would: to its success banner if it has one, else to its error summary, else to its <h1>
 * (made focusable with tabindex="-1"), so screen reader users hear where they are.
 */
function useFocusOnNavigation() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const main = document.getElementById("main-content");
    const target = document.querySelector<HTMLElement>(".govuk-notification-banner--success") ?? main?.querySelector<HTMLElement>(".govuk-error-summary, h1");
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  }, [pathname]);
}

function Document({ children, user }: { children: ReactNode; user: NavUser | null }) {
  const nonce = useNonce();
  useFocusOnNavigation();
  useEffect(() => {
    // Progressive enhancement only: every page works before (and without) this.
    document.body.classList.add("js-enabled", "govuk-frontend-supported");
    const src = "/assets/govuk-frontend.min.js";
    import(/* @vite-ignore */ src).then((m: { initAll?: () => void }) => m.initAll?.()).catch(() => {});
  }, []);
  return (
    <html lang="en" className="govuk-template">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#0b0c0c" />
        <MetaWithFormErrors />
        <Links />
      </head>
      <body className="govuk-template__body" suppressHydrationWarning>
        <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: GOVUK_BODY_CLASS }} />
        <a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link">
          Skip to main content
        </a>
        <Header user={user} />
        <ServiceNavigation items={user?.nav ?? []} />
        <div className="govuk-width-container">
          <PhaseBanner />
          <main className="govuk-main-wrapper" id="main-content">
            {children}
          </main>
        </div>
        <Footer />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { user, flash } = useLoaderData<typeof loader>();
  return (
    <Document user={user}>
      {flash ? <NotificationBanner flash={flash} /> : null}
      <Outlet />
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  let title = "Sorry, there is a problem with the service";
  let body: ReactNode = <p className="govuk-body">Try again later. Nothing you had already saved has been lost.</p>;
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = "Page not found";
      body = (
        <>
          <p className="govuk-body">If you typed the web address, check it is correct.</p>
          <p className="govuk-body">If you followed a link to a case, it may not exist or you may not have access to it.</p>
        </>
      );
    } else if (error.status === 403) {
      title = "You do not have access to this page";
      body = (
        <>
          <p className="govuk-body">{typeof error.data === "string" && error.data ? error.data : "Your role does not allow this."}</p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/dashboard">
              Go to your dashboard
            </Link>
          </p>
        </>
      );
    } else if (error.status < 500) {
      title = error.statusText || "There is a problem";
      body = <p className="govuk-body">{typeof error.data === "string" ? error.data : "The request could not be completed."}</p>;
    }
  } else {
    console.error(error);
  }
  return (
    <Document user={data?.user ?? null}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">{title}</h1>
          {body}
        </div>
      </div>
    </Document>
  );
}
