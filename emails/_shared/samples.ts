import type { EmailProps, NoticeProps } from "./notice";
import type { Party } from "./wording";

export const SAMPLE_CASE_REF = "RDR-2026-0042";

const SAMPLE_NAMES: Record<Party, string> = {
  family: "Amina Hussain",
  setting: "Daniel Price",
  "local-service": "Priya Shah",
  "health-partner": "Tom Evans",
  mediator: "Grace Okafor",
  "national-body": "Ombudsman casework team",
};

/** Preview props as the dispatcher would build them: the machine's data plus the recipient fields. */
export function sample(data: NoticeProps, party: Party = "family"): EmailProps {
  return {
    data: {
      caseRef: SAMPLE_CASE_REF,
      recipientName: SAMPLE_NAMES[party],
      party,
      caseUrl: `https://redress.example.gov.uk/cases/${SAMPLE_CASE_REF}`,
      issueTitles: { I1: "The annual review was not held", I2: "One-to-one support was cut" },
      ...data,
    },
  };
}
