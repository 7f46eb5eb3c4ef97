import type { Flash } from "../utils/flash.server";

export function NotificationBanner({ flash }: { flash: Flash }) {
  const success = flash.kind === "success";
  return (
    <div
      className={`govuk-notification-banner${success ? " govuk-notification-banner--success" : ""}`}
      role={success ? "alert" : "region"}
      aria-labelledby="notification-banner-title"
      data-module="govuk-notification-banner"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="notification-banner-title">
          {success ? "Success" : "Important"}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{flash.title}</p>
        {flash.body ? <p className="govuk-body">{flash.body}</p> : null}
      </div>
    </div>
  );
}
