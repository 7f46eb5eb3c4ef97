// `npm run emails:preview [-- <folder>]`: renders every notification email with its sample data
// into a folder (default tests/.tmp/emails) with an index page, to read them in a browser.
import fs from "node:fs";
import path from "node:path";
import { renderNotification, templateFor } from "../emails";
import { REGISTER_EMAIL_KINDS, REGISTER_EMAIL_SAMPLES, renderRegisterEmail } from "../emails/register";
import { NOTIFICATION_KINDS } from "../machines";

const out = path.resolve(process.argv[2] ?? "tests/.tmp/emails");
fs.mkdirSync(out, { recursive: true });
const rows: string[] = [];
for (const kind of NOTIFICATION_KINDS) {
  const sample = templateFor(kind).PreviewProps.data;
  const email = await renderNotification(kind, { ...sample, caseUrl: "http://localhost:3000/cases/example" });
  fs.writeFileSync(path.join(out, `${kind}.html`), email.html);
  fs.writeFileSync(path.join(out, `${kind}.txt`), `Subject: ${email.subject}\n\n${email.text}`);
  rows.push(`<li><a href="${kind}.html">${kind}</a> (<a href="${kind}.txt">text</a>): ${email.subject.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</li>`);
}
// Register emails (docs/decisions/027): not machine notifications, same outbox.
for (const kind of REGISTER_EMAIL_KINDS) {
  const email = await renderRegisterEmail(kind, REGISTER_EMAIL_SAMPLES[kind]);
  fs.writeFileSync(path.join(out, `${kind}.html`), email.html);
  fs.writeFileSync(path.join(out, `${kind}.txt`), `Subject: ${email.subject}\n\n${email.text}`);
  rows.push(`<li><a href="${kind}.html">${kind}</a> (<a href="${kind}.txt">text</a>): ${email.subject.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</li>`);
}
const total = NOTIFICATION_KINDS.length + REGISTER_EMAIL_KINDS.length;
fs.writeFileSync(path.join(out, "index.html"), `<!doctype html><meta charset="utf-8"><title>Redress emails</title><h1>${total} emails</h1><ul>${rows.join("\n")}</ul>`);
console.log(`Wrote ${total} emails to ${out}/index.html`);
