import type { NotificationData, NotificationKind, Party } from "../../machines";
import type { EmailProps, Recipient } from "./notice";

export const SAMPLE_CASE_REF = "RDR-2026-0042";

const SAMPLE_NAMES: Record<Party, string> = {
  family: "Amina Hussain",
  setting: "Daniel Price",
  "local-service": "Priya Shah",
  "health-partner": "Tom Evans",
  mediator: "Grace Okafor",
  "national-body": "Ombudsman casework team",
};

/** Preview props as the dispatcher would build them: the machine's data for `kind` (typed) plus the recipient fields. */
export function sample<K extends NotificationKind>(_kind: K, data: NotificationData[K], party: Party = "family"): EmailProps<K> {
  const recipient: Recipient & { caseRef: string } = {
    caseRef: SAMPLE_CASE_REF,
    recipientName: SAMPLE_NAMES[party],
    party,
    caseUrl: `https://redress.example.gov.uk/cases/${SAMPLE_CASE_REF}`,
    issueTitles: { I1: "The annual review was not held", I2: "One-to-one support was cut" },
  };
  const payload: EmailProps<K>["data"] = Object.assign(recipient, data);
  return { data: payload };
}
