import { expect, test } from "./fixtures";

// Every page built so far passes axe, signed out and signed in as the role that uses it.
const publicPages = ["/", "/sign-in", "/signed-out", "/accessibility", "/privacy", "/feedback", "/no-such-page", "/framework"];
const signedInPages: { persona: string; paths: string[] }[] = [
  { persona: "amira.hussain@example.com", paths: ["/dashboard", "/cases", "/register"] },
  { persona: "helen.clarke@beckettpark.example.com", paths: ["/dashboard", "/cases", "/register", "/register?show=overdue-reviews"] },
  { persona: "grace.liu@practice.example.org.uk", paths: ["/dashboard", "/analytics"] },
  { persona: "admin@redress.example.org.uk", paths: ["/dashboard", "/admin/users", "/admin/users?role=mediator"] },
];

for (const path of publicPages) {
  test(`${path} is accessible`, async ({ page, checkA11y }) => {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await checkA11y();
  });
}

for (const { persona, paths } of signedInPages) {
  test(`pages for ${persona} are accessible`, async ({ page, signInAs, checkA11y }) => {
    await signInAs(persona);
    for (const path of paths) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await checkA11y();
    }
  });
}
