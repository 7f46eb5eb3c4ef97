// Choices shown on the ways-in pages (shared with the browser: no server code here).

export const RELATIONSHIPS = [
  { value: "mother", label: "Mother" },
  { value: "father", label: "Father" },
  { value: "parent", label: "Parent" },
  { value: "step-parent", label: "Step-parent" },
  { value: "grandparent", label: "Grandparent" },
  { value: "foster carer", label: "Foster carer" },
  { value: "kinship carer", label: "Kinship carer (for example an aunt or older sibling)" },
  { value: "other carer", label: "Other carer with parental responsibility" },
] as const;
export const RELATIONSHIP_VALUES = RELATIONSHIPS.map((r) => r.value) as [string, ...string[]];

export const CHANNELS = [
  { value: "phone", label: "Phone call" },
  { value: "letter", label: "Letter" },
  { value: "email", label: "Email" },
  { value: "in-person", label: "In person" },
] as const;
export type Channel = (typeof CHANNELS)[number]["value"];
export const CHANNEL_VALUES = CHANNELS.map((c) => c.value) as [Channel, ...Channel[]];
