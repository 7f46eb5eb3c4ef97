// `npm run emails:preview [-- <folder>]`: renders every notification email with its sample data
// into a folder (default tests/.tmp/emails) with an index page, to read them in a browser.
import fs from "node:fs";
import path from "node:path";
import { renderNotification, templateFor } from "../emails";
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
fs.writeFileSync(
  path.join(out, "index.html"),
  `<!doctype html><meta charset="utf-8"><title>Redress emails</title><h1>${NOTIFICATION_KINDS.length} notification emails</h1><ul>${rows.join("\n")}</ul>`,
);
console.log(`Wrote ${NOTIFICATION_KINDS.length} emails to ${out}/index.html`);
