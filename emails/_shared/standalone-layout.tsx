import { Body, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { styles } from "../layout";

/** The layout of the emails that are not about a case (accounts, the register): a greeting, the body, and why the email came. */
export function StandaloneLayout({ name, heading, footer, children }: { name: string | undefined; heading: string; footer: string; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{heading}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Section style={styles.header}>
            <Text style={styles.brand}>Redress</Text>
          </Section>
          <Section style={styles.content}>
            <Heading as="h1" style={styles.h1}>
              {heading}
            </Heading>
            <Text style={styles.paragraph}>{name ? `Dear ${name},` : "Hello,"}</Text>
            {children}
            <Hr style={styles.hr} />
            <Text style={styles.footer}>{footer}</Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}
