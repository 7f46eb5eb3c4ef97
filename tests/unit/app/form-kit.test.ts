import { describe, expect, it } from "vitest";
import { z } from "zod";
import { remedyInputSchema } from "../../../machines";
import { browserResolver, flattenErrors } from "../../../app/components/form-kit";
import { checkForm } from "../../../app/utils/form-check";
import { fieldId, nestedName, nestFields } from "../../../app/utils/nested-fields";
import { STEP_SCHEMAS } from "../../../app/utils/concern-journey";
import { passwordSchema, signInSchema } from "../../../app/utils/page-forms";

// The browser's check (react-hook-form + zod resolver) must give exactly the messages the server
// gives for the same submission: the page without JavaScript and the page with it say the same.

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
};

async function inBrowser(schema: z.ZodType, data: FormData) {
  const resolve = browserResolver(schema, () => data);
  const result = await resolve({}, undefined, { fields: {}, shouldUseNativeValidation: false });
  return flattenErrors(result.errors);
}

function onServer(schema: z.ZodType, data: FormData) {
  const checked = checkForm(schema, data);
  return checked.ok ? {} : Object.fromEntries(Object.entries(checked.errors).map(([name, messages]) => [name, [messages[0]]]));
}

const CASES: [string, z.ZodType, [string, string][]][] = [
  [
    "sign-in, empty",
    signInSchema,
    [
      ["email", ""],
      ["password", ""],
    ],
  ],
  [
    "sign-in, bad email",
    signInSchema,
    [
      ["email", "not-an-address"],
      ["password", "x"],
    ],
  ],
  [
    "sign-in, control character",
    signInSchema,
    [
      ["email", "a\u0007@example.com"],
      ["password", "x"],
    ],
  ],
  [
    "sign-in, field sent twice",
    signInSchema,
    [
      ["email", "a@example.com"],
      ["email", "b@example.com"],
      ["password", "x"],
    ],
  ],
  [
    "sign-in, valid",
    signInSchema,
    [
      ["email", "amira.hussain@example.com"],
      ["password", "Redress-demo-2026"],
      ["redirectTo", "/cases"],
    ],
  ],
  [
    "password, all empty",
    passwordSchema,
    [
      ["currentPassword", ""],
      ["newPassword", ""],
      ["confirmPassword", ""],
    ],
  ],
  [
    "password, mismatch and too short",
    passwordSchema,
    [
      ["currentPassword", "old-password-1"],
      ["newPassword", "short"],
      ["confirmPassword", "other"],
    ],
  ],
  [
    "password, same as before",
    passwordSchema,
    [
      ["currentPassword", "the same password"],
      ["newPassword", "the same password"],
      ["confirmPassword", "the same password"],
    ],
  ],
  ["concern, about: nothing chosen", STEP_SCHEMAS.about, []],
  ["concern, about: unknown category", STEP_SCHEMAS.about, [["categories", "not-a-category"]]],
  [
    "concern, about: valid",
    STEP_SCHEMAS.about,
    [
      ["categories", "register-refusal"],
      ["categories", "support-level"],
    ],
  ],
  ["concern, details: too short", STEP_SCHEMAS.details, [["summary", "too short"]]],
  ["concern, details: valid", STEP_SCHEMAS.details, [["summary", "The school stopped the agreed support in September."]]],
  ["concern, health: maybe", STEP_SCHEMAS.health, [["healthInvolved", "maybe"]]],
  [
    "concern, date: no month",
    STEP_SCHEMAS.aware,
    [
      ["awarenessDate-day", "14"],
      ["awarenessDate-month", ""],
      ["awarenessDate-year", "2026"],
    ],
  ],
  [
    "concern, date: 30 February",
    STEP_SCHEMAS.aware,
    [
      ["awarenessDate-day", "30"],
      ["awarenessDate-month", "2"],
      ["awarenessDate-year", "2026"],
    ],
  ],
  [
    "concern, date: future",
    STEP_SCHEMAS.aware,
    [
      ["awarenessDate-day", "1"],
      ["awarenessDate-month", "1"],
      ["awarenessDate-year", "2999"],
    ],
  ],
  [
    "concern, date: none given, valid",
    STEP_SCHEMAS.aware,
    [
      ["awarenessDate-day", ""],
      ["awarenessDate-month", ""],
      ["awarenessDate-year", ""],
    ],
  ],
  [
    "concern, date: valid",
    STEP_SCHEMAS.aware,
    [
      ["awarenessDate-day", "14"],
      ["awarenessDate-month", "9"],
      ["awarenessDate-year", "2026"],
    ],
  ],
];

describe("the browser's check says what the server says", () => {
  it.each(CASES)("%s", async (_name, schema, entries) => {
    const server = onServer(schema, form(entries));
    const browser = await inBrowser(schema, form(entries));
    expect(browser).toEqual(server);
    // Each case is there for a reason: valid ones pass, the others fail on both sides.
    expect(Object.keys(server).length === 0).toBe(_name.endsWith("valid"));
  });
});

describe("nested names for repeated groups", () => {
  const schema = z.object({ remedies: z.array(remedyInputSchema) });

  it("turns dotted names into rows the machines' own schema checks", () => {
    const fields = nestFields({
      [nestedName("remedies", 0, "kind")]: "apology",
      "remedies.0.description": "Say sorry",
      "remedies.1.kind": "action",
      "remedies.1.description": "Review the plan",
      other: "kept",
    });
    expect(fields).toEqual({
      remedies: [
        { kind: "apology", description: "Say sorry" },
        { kind: "action", description: "Review the plan" },
      ],
      other: "kept",
    });
  });

  it("puts each message on the field it is about, with an id the summary can link to", () => {
    const checked = checkForm(
      schema,
      form([
        ["remedies.0.kind", "apology"],
        ["remedies.0.description", "Say sorry"],
        ["remedies.1.kind", "action"],
        ["remedies.1.description", "Review the plan"],
      ]),
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.errors)).toEqual(["remedies.1.dueOn"]);
    expect(fieldId("remedies.1.dueOn")).toBe("field-remedies-1-dueOn");
  });

  it("never touches a prototype and never builds huge arrays", () => {
    const fields = nestFields({ "__proto__.0.x": "a", "constructor.0.prototype": "b", "rows.100.x": "c", "rows.0.__proto__": "d", __proto__: "e" } as Record<string, string>);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
    expect(fields).not.toHaveProperty("rows");
    expect(fields["rows.100.x"]).toBe("c");
  });
});

describe("flattenErrors", () => {
  it("keys react-hook-form's nested errors by dotted name, a form-level one by 'form'", () => {
    expect(
      flattenErrors({
        email: { type: "x", message: "Enter your email" },
        remedies: [undefined, { dueOn: { type: "x", message: "Enter the date" } }],
        "": { type: "x", message: "Whole form" },
      } as never),
    ).toEqual({
      email: ["Enter your email"],
      "remedies.1.dueOn": ["Enter the date"],
      form: ["Whole form"],
    });
  });
});
