import { json, type TypedResponse } from "@remix-run/node";
import type { z } from "zod";
import type { FieldErrors } from "../components/forms";
import { checkForm, zodFieldErrors } from "./form-check";
import { MAX_BODY_BYTES } from "./limits";

export { zodFieldErrors };

// Server half of "one zod schema per form": read the body safely, parse, and on failure answer
// 400 with field errors keyed by field name (the error summary links to each field).

/** A form's 400 (or 401, 404, 429…): messages by field name and the answers to put back. */
export type FormAnswerResponse = TypedResponse<{ errors: FieldErrors; values: Record<string, string | string[]> }>;
export type FormResult<T> = { ok: true; data: T } | { ok: false; response: FormAnswerResponse };

const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;

/**
 * The posted form, or a 415/413/400 thrown as a readable answer. Only URL-encoded forms are
 * accepted (no page here uploads files), so JSON, text/plain and multipart bodies never reach
 * a schema. server.ts refuses most of these before Remix; this keeps actions safe when called
 * directly (tests, another server).
 */
export async function readForm(request: Request): Promise<FormData> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!FORM_TYPE.test(type)) {
    throw new Response("This service only accepts forms sent from its own pages (application/x-www-form-urlencoded).", { status: 415, statusText: "Unsupported Media Type" });
  }
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw new Response("What you sent is too large for this service.", { status: 413, statusText: "Payload Too Large" });
  let text: string;
  try {
    text = await request.text();
  } catch {
    throw new Response("The form could not be read. Go back and try again.", { status: 400, statusText: "Bad Request" });
  }
  if (text.length > MAX_BODY_BYTES) throw new Response("What you sent is too large for this service.", { status: 413, statusText: "Payload Too Large" });
  try {
    const formData = new FormData();
    for (const [key, value] of new URLSearchParams(text)) formData.append(key, value);
    return formData;
  } catch {
    throw new Response("The form could not be read. Go back and try again.", { status: 400, statusText: "Bad Request" });
  }
}

export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): FormResult<z.output<S>> {
  const checked = checkForm(schema, formData);
  return checked.ok ? checked : { ok: false, response: badRequest(checked.errors, checked.values) };
}

export function badRequest(errors: FieldErrors, values: Record<string, unknown> = {}, status = 400): FormAnswerResponse {
  // Passwords are never echoed back into the page.
  const { password: _omit, currentPassword: _c, newPassword: _n, confirmPassword: _f, ...safeValues } = values;
  const echoed: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(safeValues)) {
    if (typeof value === "string") echoed[key] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === "string")) echoed[key] = value;
  }
  return json({ errors, values: echoed }, { status });
}
