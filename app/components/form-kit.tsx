import { zodResolver } from "@hookform/resolvers/zod";
import { Form, Meta, UNSAFE_RemixContext, useSubmit } from "@remix-run/react";
import { useContext, useEffect, useMemo, useRef, useState, type ComponentProps, type FormEvent, type ReactNode } from "react";
import { useForm, type FieldErrors as HookFieldErrors, type FieldValues, type Resolver } from "react-hook-form";
import { UNSAFE_DataRouterStateContext } from "react-router-dom";
import type { z } from "zod";
import { readFields } from "../utils/form-fields";
import { fieldId, nestFields } from "../utils/nested-fields";
import { ErrorSummary, type FieldErrors } from "./forms";

// One form, one schema, two places that check it (docs/decisions/015). Without JavaScript the
// browser posts and the server answers 400 with field errors. With JavaScript, react-hook-form
// checks the same FormData the browser would post, through the same first gate (readFields) and
// the same zod schema, and shows the same messages in the error summary and beside each field
// without a round trip; only a form that passes is posted. The server checks again either way.

/** What an action answers when a form is wrong (forms.server.ts `badRequest`). */
export type FormAnswer = { errors?: FieldErrors; values?: Record<string, unknown> };

type AnyAnswer = FormAnswer | null | undefined | Record<string, unknown>;

/** Field errors keyed by dotted name, from react-hook-form's nested error object. */
export function flattenErrors(errors: HookFieldErrors | Record<string, unknown>, prefix = ""): FieldErrors {
  const flat: FieldErrors = {};
  for (const [key, value] of Object.entries(errors)) {
    if (!value || typeof value !== "object" || key === "ref") continue;
    const name = prefix ? `${prefix}.${key}` : key;
    const message = (value as { message?: unknown }).message;
    if (typeof message === "string" && message) flat[name || "form"] = [message];
    else Object.assign(flat, flattenErrors(value as Record<string, unknown>, name));
  }
  return flat;
}

/** The browser's half of parseForm: the exact FormData a submission would post, read as the server reads it. */
export function browserResolver<S extends z.ZodType>(schema: S, formData: () => FormData | undefined): Resolver<FieldValues> {
  const zod = zodResolver(schema as never) as unknown as Resolver<FieldValues>;
  return async (_values, context, options) => {
    const data = formData();
    if (!data) return { values: {}, errors: {} };
    const read = readFields(data);
    if (!read.ok) {
      const errors = Object.fromEntries(Object.entries(read.errors).map(([name, messages]) => [name, { type: "read", message: messages[0] }]));
      return { values: {}, errors };
    }
    return zod(nestFields(read.fields) as FieldValues, context, options);
  };
}

function answerOf(answer: AnyAnswer): FormAnswer {
  return answer && typeof answer === "object" && "errors" in answer ? (answer as FormAnswer) : {};
}

function hasErrors(errors: FieldErrors | undefined) {
  return Object.values(errors ?? {}).some((messages) => Boolean(messages?.length));
}

/**
 * A form's kit: `field(name)` gives what a field component needs (name, id, first error, the value
 * the server echoed), `form` the <Form> props, `summary` the error summary's. Pass the route's
 * `useActionData<typeof action>()`.
 */
export function useFormKit<S extends z.ZodType>(schema: S, actionData: AnyAnswer, options: { defaultValues?: FieldValues } = {}) {
  const answer = answerOf(actionData);
  const formRef = useRef<HTMLFormElement>(null);
  const submitterRef = useRef<HTMLElement | null>(null);
  const submit = useSubmit();
  // "browser" once the browser has checked this form since the server last answered.
  const [shown, setShown] = useState<"server" | "browser">("server");
  const resolver = useMemo(
    () =>
      browserResolver(schema, () => {
        const form = formRef.current;
        if (!form) return undefined;
        const submitter = submitterRef.current;
        return submitter && "form" in submitter ? new FormData(form, submitter) : new FormData(form);
      }),
    [schema],
  );
  // defaultValues only seed field arrays (remedy rows, useFieldArray); every input stays uncontrolled and is read from FormData.
  const hookForm = useForm({ resolver, mode: "onSubmit", reValidateMode: "onSubmit", shouldFocusError: false, defaultValues: options.defaultValues });
  const { clearErrors } = hookForm;
  useEffect(() => {
    setShown("server");
    clearErrors();
  }, [actionData, clearErrors]);

  const errors: FieldErrors = shown === "browser" ? flattenErrors(hookForm.formState.errors) : (answer.errors ?? {});
  const values = answer.values ?? {};
  useErrorTitle(hasErrors(errors));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    submitterRef.current = submitter;
    void hookForm.handleSubmit(
      () => {
        setShown("browser");
        submit((submitter ?? form) as HTMLFormElement);
      },
      () => setShown("browser"),
    )(event);
  };

  return {
    errors,
    /** What the server echoed back, by posted name (a date input's boxes: `<name>-day`…). */
    values,
    /** For a text input, textarea or select. */
    field(name: string) {
      const echoed = values[name];
      return { name, id: fieldId(name), error: errors[name]?.[0], defaultValue: typeof echoed === "string" ? echoed : undefined };
    },
    /** For radios and checkboxes: the echoed choice or choices. */
    choice(name: string) {
      const echoed = values[name];
      const chosen = Array.isArray(echoed) ? echoed.filter((v): v is string => typeof v === "string") : typeof echoed === "string" ? echoed : undefined;
      return { name, error: errors[name]?.[0], defaultValue: chosen };
    },
    form: { ref: formRef, method: "post" as const, noValidate: true, onSubmit },
    /** react-hook-form's control, for repeated rows (useFieldArray) that the browser adds and removes. */
    control: hookForm.control,
    summary: { errors, attempt: hookForm.formState.submitCount },
  };
}

export type FormKit = ReturnType<typeof useFormKit>;

/** The error summary and the form: `<KitForm kit={kit}>fields…</KitForm>`. Put the page's <h1> after it with `heading`. */
export function KitForm({
  kit,
  heading,
  children,
  ...rest
}: { kit: FormKit; heading?: ReactNode; children: ReactNode } & Omit<ComponentProps<typeof Form>, "ref" | "method" | "onSubmit">) {
  return (
    <>
      <ErrorSummary {...kit.summary} />
      {heading}
      <Form {...rest} {...kit.form}>
        {children}
      </Form>
    </>
  );
}

/** GOV.UK: "Error: " starts the page title while a form on it has errors. This covers errors found in the browser. */
function useErrorTitle(failed: boolean) {
  useEffect(() => {
    if (!failed) return;
    const base = document.title.replace(/^Error: /, "");
    document.title = `Error: ${base}`;
    return () => {
      document.title = base;
    };
  }, [failed]);
}

type MetaModule = { meta?: (...args: never[]) => unknown };

/**
 * The root's <Meta />, with "Error: " before the title when the server answered a form with
 * errors, so the title is right without JavaScript too. Remix 2 passes no action data to `meta`
 * functions, so this reads it from the router state and wraps each route's `meta` (docs/decisions/015).
 */
export function MetaWithFormErrors() {
  const router = useContext(UNSAFE_DataRouterStateContext);
  const remix = useContext(UNSAFE_RemixContext);
  const failed = Object.values(router?.actionData ?? {}).some((data) => hasErrors(answerOf(data as AnyAnswer).errors));
  const context = useMemo(() => {
    if (!failed || !remix) return null;
    const routeModules = Object.fromEntries(
      Object.entries(remix.routeModules).map(([id, module]) => {
        const meta = (module as MetaModule | undefined)?.meta;
        if (typeof meta !== "function") return [id, module];
        const prefixed = (...args: never[]) => {
          const descriptors = meta(...args);
          if (!Array.isArray(descriptors)) return descriptors;
          return descriptors.map((d: unknown) => (d && typeof d === "object" && "title" in d ? { ...d, title: `Error: ${String((d as { title: unknown }).title)}` } : d));
        };
        return [id, { ...module, meta: prefixed }];
      }),
    );
    return { ...remix, routeModules } as typeof remix;
  }, [failed, remix]);
  if (!context) return <Meta />;
  return (
    <UNSAFE_RemixContext.Provider value={context}>
      <Meta />
    </UNSAFE_RemixContext.Provider>
  );
}
