import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { CSSProperties, ReactNode } from "react";
import type { Notice } from "./_shared/notice";

export const colours = { text: "#0b0c0c", secondary: "#505a5f", link: "#1d70b8", border: "#b1b4b6", header: "#0b0c0c" } as const;

const fontFamily = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';

export const styles = {
  body: { backgroundColor: "#ffffff", color: colours.text, fontFamily, margin: 0, padding: 0 },
  container: { maxWidth: "580px", margin: "0 auto", padding: "0 0 24px" },
  header: { backgroundColor: colours.header, padding: "12px 20px" },
  brand: { color: "#ffffff", fontSize: "24px", fontWeight: 700, lineHeight: "30px", margin: 0 },
  content: { padding: "0 20px" },
  // Colour and font are repeated on text because some mail clients do not inherit them through tables.
  h1: { color: colours.text, fontFamily, fontSize: "27px", lineHeight: "32px", fontWeight: 700, margin: "30px 0 20px" },
  h2: { color: colours.text, fontFamily, fontSize: "21px", lineHeight: "26px", fontWeight: 700, margin: "30px 0 15px" },
  paragraph: { color: colours.text, fontFamily, fontSize: "19px", lineHeight: "25px", margin: "0 0 20px" },
  link: { color: colours.link, textDecoration: "underline" },
  hr: { borderColor: colours.border, margin: "30px 0 20px" },
  footer: { fontFamily, fontSize: "16px", lineHeight: "22px", color: colours.secondary, margin: "0 0 10px" },
} satisfies Record<string, CSSProperties>;

function CaseLink({ notice }: { notice: Notice }) {
  if (!notice.caseUrl) return <Text style={styles.paragraph}>Sign in to Redress to see concern {notice.caseRef}.</Text>;
  return (
    <Text style={styles.paragraph}>
      <Link href={notice.caseUrl} style={styles.link}>
        See concern {notice.caseRef} in Redress
      </Link>
    </Text>
  );
}

type LayoutProps = { notice: Notice; heading: string; preview?: string; children: ReactNode };

/** GOV.UK Notify-like plain layout: black bar, one column, a link to the case, a short footer. */
export function Layout({ notice, heading, preview, children }: LayoutProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview ?? heading}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Section style={styles.header}>
            <Text style={styles.brand}>Redress</Text>
          </Section>
          <Section style={styles.content}>
            <Heading as="h1" style={styles.h1}>
              {heading}
            </Heading>
            <Text style={styles.paragraph}>{notice.recipientName ? `Dear ${notice.recipientName},` : "Hello,"}</Text>
            {children}
            {notice.lettersUrl ? (
              <Text style={styles.paragraph}>
                <Link href={notice.lettersUrl} style={styles.link}>
                  {notice.audience === "family" ? "Download your letter" : "Download the letter"} (PDF)
                </Link>
              </Text>
            ) : null}
            <CaseLink notice={notice} />
            <Hr style={styles.hr} />
            <Text style={styles.footer}>You are getting this email because you are part of concern {notice.caseRef}. Do not reply: sign in to Redress to respond.</Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}
