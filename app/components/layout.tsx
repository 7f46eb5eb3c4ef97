import { Form, Link, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";

export interface NavUser {
  name: string;
  roleLabels: string[];
  nav: { to: string; label: string }[];
}

export function Header({ user }: { user: NavUser | null }) {
  return (
    <header className="govuk-header" data-module="govuk-header">
      <div className="govuk-header__container govuk-width-container">
        <div className="govuk-header__logo">
          <Link to="/" className="govuk-header__link govuk-header__link--homepage">
            <span className="govuk-header__logotype-text">Redress</span>
          </Link>
        </div>
        {user ? (
          <div className="govuk-header__content redress-header__account">
            <span className="govuk-header__service-name redress-header__user">
              {user.name}
              <span className="govuk-visually-hidden">, signed in as </span>
              <span className="redress-header__role"> ({user.roleLabels.join(", ")})</span>
            </span>
            <Link to="/account/password" className="govuk-header__link redress-header__account-link">
              Change password
            </Link>
            <Link to="/account/sessions" className="govuk-header__link redress-header__account-link">
              Your sessions
            </Link>
            <Form method="post" action="/sign-out" className="redress-header__sign-out">
              <button type="submit" className="govuk-header__link redress-link-button">
                Sign out
              </button>
            </Form>
          </div>
        ) : null}
      </div>
    </header>
  );
}

export function ServiceNavigation({ items }: { items: { to: string; label: string }[] }) {
  if (items.length === 0) return null;
  return (
    <section aria-label="Service information" className="govuk-service-navigation" data-module="govuk-service-navigation">
      <div className="govuk-width-container">
        <div className="govuk-service-navigation__container">
          <span className="govuk-service-navigation__service-name">
            <Link to="/dashboard" className="govuk-service-navigation__link">
              Concerns and redress
            </Link>
          </span>
          <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
            <ul className="govuk-service-navigation__list" id="navigation">
              {items.map((item) => (
                <li key={item.to} className="govuk-service-navigation__item">
                  <NavLink
                    to={item.to}
                    className="govuk-service-navigation__link"
                    // NavLink sets aria-current="page" on the active item; GOV.UK styles that.
                  >
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </div>
    </section>
  );
}

export function PhaseBanner() {
  return (
    <div className="govuk-phase-banner">
      <p className="govuk-phase-banner__content">
        <strong className="govuk-tag govuk-phase-banner__content__tag">Beta</strong>
        <span className="govuk-phase-banner__text">
          This is a new service.{" "}
          <Link className="govuk-link" to="/feedback">
            Tell us what you think
          </Link>{" "}
          to help us improve it.
        </span>
      </p>
    </div>
  );
}

export function Footer() {
  return (
    <footer className="govuk-footer">
      <div className="govuk-width-container">
        <div className="govuk-footer__meta">
          <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
            <h2 className="govuk-visually-hidden">Support links</h2>
            <ul className="govuk-footer__inline-list">
              <li className="govuk-footer__inline-list-item">
                <Link className="govuk-footer__link" to="/accessibility">
                  Accessibility statement
                </Link>
              </li>
              <li className="govuk-footer__inline-list-item">
                <Link className="govuk-footer__link" to="/privacy">
                  Privacy and cookies
                </Link>
              </li>
              <li className="govuk-footer__inline-list-item">
                <Link className="govuk-footer__link" to="/feedback">
                  Feedback
                </Link>
              </li>
            </ul>
            <p className="govuk-body-s redress-footer__licence">Redress: concerns and redress for children and young people with additional needs in England.</p>
          </div>
        </div>
      </div>
    </footer>
  );
}

export function Page({ title, caption, children, back }: { title: string; caption?: string; children?: ReactNode; back?: { to: string; label?: string } }) {
  return (
    <>
      {back ? (
        <Link to={back.to} className="govuk-back-link">
          {back.label ?? "Back"}
        </Link>
      ) : null}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-full">
          {caption ? <span className="govuk-caption-l">{caption}</span> : null}
          <h1 className="govuk-heading-l">{title}</h1>
          {children}
        </div>
      </div>
    </>
  );
}
