import type { Party } from "../../machines";
import type { Prisma } from "../../generated/prisma/client";
import { representationInForce } from "./representation-scope";

// Who, by name and address, a machine's notification for a party reaches on a given case.

export interface Recipient {
  party: Party;
  name: string;
  email: string;
}

// The national bodies work from shared casework inboxes, not individual accounts.
export const NATIONAL_INBOX = {
  process: { name: "Ombudsman casework team", email: "casework@ombudsman.example.org.uk" },
  substance: { name: "National practice body casework team", email: "casework@practice.example.org.uk" },
} as const;

export async function resolveRecipients(tx: Prisma.TransactionClient, caseId: string, parties: readonly Party[]): Promise<Recipient[]> {
  const kase = await tx.case.findUniqueOrThrow({
    where: { id: caseId },
    select: {
      route: true,
      settingId: true,
      localAreaId: true,
      concern: {
        select: {
          child: {
            select: {
              guardians: { select: { user: { select: { name: true, email: true, active: true } } } },
              youngPersonUser: { select: { name: true, email: true, active: true } },
              representations: { where: representationInForce("letters"), select: { representative: { select: { name: true, email: true, active: true } } } },
            },
          },
        },
      },
      assignments: { where: { capacity: "mediator" }, select: { user: { select: { name: true, email: true, active: true } } } },
    },
  });
  const recipients: Recipient[] = [];
  const add = (party: Party, users: ({ name: string; email: string; active: boolean } | null | undefined)[]) => {
    for (const u of users) if (u?.active) recipients.push({ party, name: u.name, email: u.email });
  };
  const staff = (where: Prisma.UserWhereInput) => tx.user.findMany({ where: { ...where, active: true }, select: { name: true, email: true, active: true } });
  for (const party of new Set(parties)) {
    switch (party) {
      case "family": {
        const child = kase.concern.child;
        // Representatives receive the family's letters only while consent to that is in force.
        add(party, [...child.guardians.map((g) => g.user), child.youngPersonUser, ...child.representations.map((r) => r.representative)]);
        break;
      }
      case "setting":
        add(party, await staff({ settingId: kase.settingId, roles: { some: { name: "setting-staff" } } }));
        break;
      case "local-service":
        add(party, await staff({ localAreaId: kase.localAreaId, roles: { some: { name: "local-officer" } } }));
        break;
      case "health-partner":
        add(party, await staff({ localAreaId: kase.localAreaId, roles: { some: { name: "health-partner" } } }));
        break;
      case "mediator":
        add(
          party,
          kase.assignments.map((a) => a.user),
        );
        break;
      case "national-body":
        recipients.push({ party, ...NATIONAL_INBOX[kase.route] });
        break;
    }
  }
  // One message per address even when a person is reached through two parties.
  return recipients.filter((r, i) => recipients.findIndex((o) => o.email === r.email) === i);
}
