import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, MaxPartSizeExceededError, unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { EventNotAllowedError } from "../../machines";
import { ChoiceGroup, ErrorSummary, fieldId, TextInput, type FieldErrors } from "../components/forms";
import { recordCaseView } from "../utils/audit.server";
import { requireCaseAction } from "../utils/case-page.server";
import { CaseConflictError, CaseNotFoundError } from "../utils/cases.server";
import { ACCEPT_ATTRIBUTE, ACCEPTED_TYPES_WORDS, evidenceFieldsSchema, MAX_FILE_WORDS, VISIBILITY_OPTIONS } from "../utils/evidence";
import { addEvidence, EvidenceRefusedError, evidenceFor, TOO_LARGE, TOO_MANY } from "../utils/evidence.server";
import { checkForm } from "../utils/form-check";
import { redirectWithFlash } from "../utils/flash.server";
import { EVIDENCE_MAX_FILE_BYTES, EVIDENCE_MAX_FILES_PER_CASE, MAX_LENGTH } from "../utils/limits";
import { requireUserWithPermission } from "../utils/session.server";

// Add evidence (docs/decisions/022): the one page that takes a file. A plain multipart form that
// works without JavaScript; the server checks everything (the file by its content, its size while
// it arrives, the case's count) and answers 400/409/413 with the GOV.UK error summary.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Add evidence – ${data?.ref ?? "Case"} – Redress` }];

const TEXT_FIELDS = new Set(["description", "visibility"]);
const MAX_TEXT_PART = 4 * MAX_LENGTH.shortText;

const FILE_ID = fieldId("file");

class UnexpectedPartError extends Error {}

/** Reads the form while it arrives: the file up to the size cap, the two text answers, nothing else. */
const uploadHandler: UploadHandler = async ({ name, filename, data }) => {
  const isFile = name === "file" && typeof filename === "string";
  if (!isFile && !TEXT_FIELDS.has(name)) throw new UnexpectedPartError(name);
  const limit = isFile ? EVIDENCE_MAX_FILE_BYTES : MAX_TEXT_PART;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += chunk.byteLength;
    if (size > limit) throw new MaxPartSizeExceededError(name, limit);
    chunks.push(chunk);
  }
  if (isFile) return new File([Buffer.concat(chunks)], filename, { type: "application/octet-stream" });
  return new TextDecoder().decode(Buffer.concat(chunks));
};

async function pageFor(request: Request, caseId: string) {
  const { user } = await requireUserWithPermission(request, "read:case");
  return { user, page: await requireCaseAction(user, caseId, "ADD_EVIDENCE") };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, page } = await pageFor(request, params.caseId ?? "");
  await recordCaseView(user.id, page.row, "action:ADD_EVIDENCE", request);
  const { count } = await evidenceFor(page);
  const isFamily = page.capacities.includes("family");
  return json({
    caseId: page.row.id,
    ref: page.row.ref,
    full: count >= EVIDENCE_MAX_FILES_PER_CASE,
    left: Math.max(0, EVIDENCE_MAX_FILES_PER_CASE - count),
    answersPause: isFamily && page.view.pausedClocks.some((clock) => clock.waitingOn === "family"),
  });
}

const answer = (errors: FieldErrors, values: Record<string, string>, status: number) => json({ errors, values }, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const caseId = params.caseId ?? "";
  // Who may add a file is checked before a byte of it is read (404 outside the reader's scope, 403 otherwise).
  const { user, page } = await pageFor(request, caseId);
  if (!/^multipart\/form-data\s*;/i.test(request.headers.get("Content-Type") ?? "")) {
    return answer({ file: ["Select a file to add"] }, {}, 415);
  }
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, uploadHandler);
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return error.field === "file" ? answer({ file: [TOO_LARGE] }, {}, 413) : answer({ form: ["An answer on the form is too long. Go back and try again."] }, {}, 413);
    }
    if (error instanceof UnexpectedPartError) return answer({ form: ["The form had a field this service does not know. Go back and try again."] }, {}, 400);
    return answer({ form: ["The form could not be read. Go back and try again."] }, {}, 400);
  }
  const text = new FormData();
  for (const name of TEXT_FIELDS) {
    const value = formData.get(name);
    if (typeof value === "string") text.set(name, value);
  }
  const values = Object.fromEntries([...text.entries()].map(([k, v]) => [k, String(v)]));
  const checked = checkForm(evidenceFieldsSchema, text);
  const file = formData.get("file");
  const errors: FieldErrors = checked.ok ? {} : { ...checked.errors };
  const chosen = file instanceof File && (file.size > 0 || file.name !== "");
  if (!chosen) errors.file = ["Select a file to add"];
  else if (file.size === 0) errors.file = ["The selected file is empty"];
  // Errors in the order of the form: the file, then what it is, then who can see it.
  const ordered: FieldErrors = Object.fromEntries(["form", "file", "description", "visibility"].filter((k) => errors[k]?.length).map((k) => [k, errors[k]]));
  if (!checked.ok || Object.keys(ordered).length) return answer(ordered, values, 400);
  try {
    const bytes = new Uint8Array(await (file as File).arrayBuffer());
    const added = await addEvidence(page, user, { bytes, fileName: (file as File).name, fields: checked.data });
    return redirectWithFlash(`/cases/${caseId}`, {
      kind: "success",
      title: "Evidence added",
      body: added.resumed
        ? "It has been sent as the information asked for: the organisation handling your concern has been told, and its response deadline has started again."
        : checked.data.visibility === "handler"
          ? "It is on the case for the organisation handling the concern. They will read it with everything else on the case."
          : "It is on the case for everyone involved in the concern. They will read it with everything else on the case.",
    });
  } catch (error) {
    if (error instanceof EvidenceRefusedError) {
      if (error.status === 403) throw new Response(error.message, { status: 403 });
      return answer({ [error.field]: [error.message] }, values, error.status);
    }
    if (error instanceof EventNotAllowedError) return answer({ form: [`This cannot be done: ${error.reason}.`] }, values, 409);
    if (error instanceof CaseConflictError || error instanceof CaseNotFoundError)
      return answer({ form: ["The case changed while you were adding the file. Nothing was saved: try again."] }, values, 409);
    throw error;
  }
}

export default function AddEvidence() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && "errors" in actionData ? (actionData.errors as FieldErrors) : undefined;
  const values = (actionData && "values" in actionData ? actionData.values : undefined) as Record<string, string> | undefined;
  return (
    <>
      <Link to={`/cases/${d.caseId}`} className="govuk-back-link">
        Back to {d.ref}
      </Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">{d.ref}</span>
          <h1 className="govuk-heading-l">Add evidence</h1>
          {d.full ? (
            <p className="govuk-body">{TOO_MANY}.</p>
          ) : (
            <>
              <p className="govuk-body">Attach a document or photo that helps explain the concern, such as a report, a letter or an email you have saved as a PDF.</p>
              {d.answersPause ? (
                <div className="govuk-inset-text">
                  The organisation handling your concern is waiting for information from you. Adding a file sends it as that information, and their response deadline starts again.
                </div>
              ) : null}
              <Form method="post" encType="multipart/form-data" noValidate>
                <div className={`govuk-form-group${errors?.file?.length ? " govuk-form-group--error" : ""}`}>
                  <label className="govuk-label govuk-label--m" htmlFor={FILE_ID}>
                    Upload a file
                  </label>
                  <div id={`${FILE_ID}-hint`} className="govuk-hint">
                    {ACCEPTED_TYPES_WORDS}, smaller than {MAX_FILE_WORDS}. This concern can hold {d.left} more {d.left === 1 ? "file" : "files"}.
                  </div>
                  {errors?.file?.length ? (
                    <p id={`${FILE_ID}-error`} className="govuk-error-message">
                      <span className="govuk-visually-hidden">Error:</span> {errors.file[0]}
                    </p>
                  ) : null}
                  <input
                    className={`govuk-file-upload${errors?.file?.length ? " govuk-file-upload--error" : ""}`}
                    id={FILE_ID}
                    name="file"
                    type="file"
                    accept={ACCEPT_ATTRIBUTE}
                    aria-describedby={errors?.file?.length ? `${FILE_ID}-hint ${FILE_ID}-error` : `${FILE_ID}-hint`}
                  />
                </div>
                <TextInput
                  name="description"
                  label="What is the file?"
                  hint="For example, “Speech and language therapy report, March 2026”"
                  error={errors?.description?.[0]}
                  defaultValue={values?.description}
                  maxLength={MAX_LENGTH.shortText}
                />
                <ChoiceGroup
                  type="radio"
                  name="visibility"
                  legend="Who can see it?"
                  error={errors?.visibility?.[0]}
                  defaultValue={values?.visibility}
                  options={VISIBILITY_OPTIONS.map((o) => ({ ...o }))}
                />
                <div className="govuk-button-group">
                  <button type="submit" className="govuk-button" data-module="govuk-button">
                    Add evidence
                  </button>
                  <Link className="govuk-link" to={`/cases/${d.caseId}`}>
                    Cancel
                  </Link>
                </div>
              </Form>
            </>
          )}
        </div>
      </div>
    </>
  );
}
