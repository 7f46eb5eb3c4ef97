import { expect, test } from "./fixtures";

// One refused page per role, checked through the browser: the role may not see it, and says so.
const refusals: { persona: string; path: string; status: 403 | 404 }[] = [
  { persona: "amira.hussain@example.com", path: "/analytics", status: 403 },
  { persona: "tyler.brown@example.com", path: "/admin/users", status: 403 },
  { persona: "helen.clarke@beckettpark.example.com", path: "/analytics", status: 403 },
  { persona: "priya.sharma@leeds.example.gov.uk", path: "/admin/users", status: 403 },
  { persona: "owen.price@leeds-icb.example.nhs.uk", path: "/analytics", status: 403 },
  { persona: "sam.okafor@mediation.example.com", path: "/admin/users", status: 403 },
  { persona: "ruth.adeyemi@ombudsman.example.org.uk", path: "/analytics", status: 403 },
  { persona: "daniel.moore@practice.example.org.uk", path: "/admin/users", status: 403 },
  { persona: "grace.liu@practice.example.org.uk", path: "/cases", status: 403 },
  { persona: "admin@redress.example.org.uk", path: "/cases", status: 403 },
];

for (const { persona, path, status } of refusals) {
  test(`${persona} is refused ${path}`, async ({ page, signInAs, checkA11y }) => {
    await signInAs(persona);
    const response = await page.goto(path);
    expect(response?.status()).toBe(status);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("You do not have access to this page");
    await checkA11y();
  });
}

test("signed-out visitors are sent to sign in from every protected page", async ({ page }) => {
  for (const path of ["/dashboard", "/cases", "/analytics", "/admin/users"]) {
    await page.goto(path);
    await expect(page).toHaveURL(new RegExp(`/sign-in\\?redirectTo=${encodeURIComponent(path)}`));
  }
});

test("the analyst sees only aggregates, with small numbers suppressed", async ({ page, signInAs, checkA11y }) => {
  await signInAs("grace.liu@practice.example.org.uk");
  await page.goto("/analytics");
  await expect(page.getByRole("table", { name: /All measures by ethnic group/ })).toBeVisible();
  await expect(page.getByText("Yusuf")).toHaveCount(0);
  await checkA11y();
});
