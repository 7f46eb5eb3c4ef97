// The first, ILLUSTRATIVE version of the National Framework catalogue (docs/decisions/021).
// The real framework has not been published; these codes, titles and descriptions are a
// plausible stand-in so that findings and register decisions can cite something checkable.
// Codes already cited by the demo cases and scenarios (NF-1.1 … NF-5.2) keep their meaning.

export type FrameworkItemInput = { kind: "criterion" | "standard"; code: string; title: string; description: string };

export const ILLUSTRATIVE_FRAMEWORK = {
  title: "National Framework (illustrative draft)",
  changeSummary: "First version, for the pilot: illustrative until the national practice body publishes the real framework.",
  items: [
    // Register criteria: why a child needs support beyond the universal offer (or does not).
    {
      kind: "criterion",
      code: "NF-R1",
      title: "Needs persist despite good ordinary provision",
      description: "Needs remain after at least two cycles of assess, plan, do and review using support every setting should offer.",
    },
    {
      kind: "criterion",
      code: "NF-R2",
      title: "Support is needed from beyond the setting",
      description: "Meeting the needs calls for a specialist service or partner agency, not only the setting's own resources.",
    },
    {
      kind: "criterion",
      code: "NF-R3",
      title: "A health need affects learning or development",
      description: "A health professional has identified a health need that affects access to learning, play or development.",
    },
    {
      kind: "criterion",
      code: "NF-R4",
      title: "Communication and interaction",
      description: "Speech, language or social communication needs significantly limit taking part in learning and setting life.",
    },
    {
      kind: "criterion",
      code: "NF-R5",
      title: "Social, emotional and mental health",
      description: "Social, emotional or mental health needs significantly limit taking part, despite targeted support.",
    },
    {
      kind: "criterion",
      code: "NF-R6",
      title: "Physical or sensory needs",
      description: "Physical, hearing or vision needs call for adjustments, equipment or specialist teaching beyond the universal offer.",
    },
    { kind: "criterion", code: "NF-R7", title: "Cognition and learning", description: "Progress stays well below what is expected despite well-delivered targeted support." },
    {
      kind: "criterion",
      code: "NF-R8",
      title: "Needs are met by the universal offer",
      description: "The evidence shows the needs are met well by support every child can have, so a register entry is not needed now.",
    },
    // Standards: how decisions are made and what good support looks like.
    {
      kind: "standard",
      code: "NF-1.1",
      title: "Register decisions are made on evidence and in writing",
      description: "The decision says what evidence was considered and gives reasons tied to the register criteria.",
    },
    {
      kind: "standard",
      code: "NF-1.2",
      title: "Register decisions are taken with the family",
      description: "The family, and the young person, are invited and can take part in a meeting or by giving written views.",
    },
    {
      kind: "standard",
      code: "NF-1.3",
      title: "The health lead takes part",
      description: "Where health needs are involved, the health lead is invited and their view is recorded.",
    },
    { kind: "standard", code: "NF-1.4", title: "Reviews before removal", description: "A child is only taken off the register after a review that the family took part in." },
    {
      kind: "standard",
      code: "NF-1.5",
      title: "Regular review of a register entry",
      description: "Each register entry is reviewed at least every 12 months, and sooner at a transition.",
    },
    {
      kind: "standard",
      code: "NF-1.6",
      title: "Requests for consideration are answered in time",
      description: "A request to consider a child for the register is decided within 20 working days of the setting's calendar.",
    },
    {
      kind: "standard",
      code: "NF-2.1",
      title: "Needs are assessed with the family and professionals",
      description: "Assessment draws on the family's knowledge and on professional evidence, and is shared with them.",
    },
    {
      kind: "standard",
      code: "NF-3.1",
      title: "Speech, language and communication support",
      description: "Support for communication is planned with a speech and language professional and delivered as agreed.",
    },
    {
      kind: "standard",
      code: "NF-3.2",
      title: "Support is delivered as the development record says",
      description: "The amount and frequency of support in the record is what the child actually receives.",
    },
    {
      kind: "standard",
      code: "NF-3.3",
      title: "Adjustments to teaching and environment",
      description: "Reasonable adjustments are made and checked for their effect on the child.",
    },
    {
      kind: "standard",
      code: "NF-4.1",
      title: "Health needs are met by the named health partner",
      description: "The health partner named in the record delivers its part and says when it cannot.",
    },
    { kind: "standard", code: "NF-4.2", title: "Therapy at the agreed level", description: "Therapy is delivered at the amount and frequency agreed in the record." },
    {
      kind: "standard",
      code: "NF-5.1",
      title: "Partners confirm their part of the record",
      description: "Each partner agency confirms, in the record, the support it will provide.",
    },
    {
      kind: "standard",
      code: "NF-5.2",
      title: "Joint commissioning with health",
      description: "Local services and health commission the support children on the register need, together.",
    },
    {
      kind: "standard",
      code: "NF-6.1",
      title: "Transitions are planned ahead",
      description: "A move between settings or phases is planned at least a term ahead, with the receiving setting.",
    },
    {
      kind: "standard",
      code: "NF-6.2",
      title: "The record follows the child",
      description: "The development record moves with the child to their next setting, with nothing lost.",
    },
    { kind: "standard", code: "NF-7.1", title: "The child's own voice", description: "The child's or young person's views and aspirations are recorded in their own words." },
  ] satisfies FrameworkItemInput[],
} as const;
