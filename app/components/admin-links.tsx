import { Link } from "@remix-run/react";

/** The administration pages beyond the accounts list (docs/decisions/020). */
export function AdminLinks({ canUpdate }: { canUpdate: boolean }) {
  if (!canUpdate) return null;
  return (
    <div className="govuk-button-group">
      <Link className="govuk-button" to="/admin/invite" role="button" data-module="govuk-button">
        Invite someone
      </Link>
      <Link className="govuk-link" to="/admin/settings">
        Settings and term dates
      </Link>
      <Link className="govuk-link" to="/admin/areas">
        Local areas
      </Link>
    </div>
  );
}
