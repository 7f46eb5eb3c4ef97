import { expect, test } from "./fixtures";

// The national patterns pages: accessible, usable without JavaScript, protected, and every CSV
// figure passes the disclosure rules (docs/decisions/009).
const GRACE = "grace.liu@practice.example.org.uk";

for (const path of ["/analytics", "/analytics?by=area&route=process", "/analytics/funnel", "/analytics/funnel?level=area&measure=breach", "/analytics/letters", "/open-data"]) {
  test(`${path} passes axe`, async ({ page, signInAs, checkA11y }) => {
    await signInAs(GRACE);
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await checkA11y();
  });
}

test("an annual letter is a printable page that passes axe", async ({ page, signInAs, checkA11y }) => {
  await signInAs(GRACE);
  await page.goto("/analytics/letters");
  await page.getByRole("link", { name: "Leeds", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Leeds");
  await expect(page.getByRole("table", { name: /Your figures for/ })).toBeVisible();
  await checkA11y();
});

test("charts are server-rendered SVG with a table and a summary, without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in as Grace Liu" }).click();
  await page.goto("/analytics?by=sex");
  await expect(page.getByRole("img", { name: /Line chart of process route cases/ })).toBeVisible();
  await page.getByText("Show the figures as a table").first().click();
  await expect(page.getByRole("table", { name: /Process route by month/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /All measures by sex/ })).toBeVisible();
  await page.getByLabel("Split by").selectOption("need");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/by=need/);
  await expect(page.getByRole("table", { name: /All measures by primary need/ })).toBeVisible();
  await context.close();
});

test("the CSV export applies the same disclosure control, and refuses bad parameters", async ({ page, signInAs }) => {
  await signInAs(GRACE);
  const year = new Date().getFullYear();
  const response = await page.request.get(`/analytics/export.csv?year=${year}&by=ethnicity&table=groups`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/csv");
  const [header, ...rows] = (await response.text()).trim().split("\r\n");
  expect(header).toMatch(/^Ethnic group,Cases received,/);
  for (const row of rows) {
    const received = /^(?:"[^"]*"|[^,]*),([^,]*)/.exec(row)![1]!;
    expect(received === "[c]" || Number(received) % 5 === 0, `rounded: ${row}`).toBe(true);
  }
  expect((await page.request.get("/analytics/export.csv?table=everything")).status()).toBe(400);
  expect((await page.request.get("/analytics?year=1999")).status()).toBe(400);
  expect((await page.request.get("/analytics?by=name")).status()).toBe(400);
  expect((await page.request.get("/analytics?area=no-such-area")).status()).toBe(404);
  expect((await page.request.get("/analytics/letters/setting/no-such-setting")).status()).toBe(404);
  expect((await page.request.get(`/analytics/export.csv?year=${year}&table=trends`)).status()).toBe(200);
  expect((await page.request.get(`/analytics/export.csv?year=${year}&table=funnel-area-breach`)).status()).toBe(200);
});

test("the analyst is refused every route with personal data", async ({ page, signInAs }) => {
  await signInAs(GRACE);
  for (const [path, status] of [
    ["/cases", 403],
    ["/concerns/new", 403],
    ["/admin/users", 403],
    ["/cases/any-case-id", 403],
    ["/cases/any-case-id/acknowledge", 403],
  ] as const) {
    const response = await page.request.get(path);
    expect([403, 404], `${path}`).toContain(response.status());
    expect(response.status(), path).toBe(status);
  }
  await page.goto("/analytics");
  for (const name of ["Yusuf", "Hussain", "Megan", "Tyler"]) await expect(page.getByText(name)).toHaveCount(0);
});

test("methodology and open data are public; the rest needs signing in", async ({ page, checkA11y }) => {
  await page.goto("/methodology");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("How the pattern figures are made");
  await checkA11y();
  await page.goto("/open-data");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Open data");
  const csv = await page.request.get(`/open-data.csv?year=${new Date().getFullYear() - 1}&by=sex&area=anything`);
  expect(csv.status()).toBe(200);
  expect((await page.request.get(`/open-data.csv?year=${new Date().getFullYear()}`)).status()).toBe(400);
  for (const path of ["/analytics/funnel", "/analytics/letters", "/analytics/export.csv"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/sign-in\?redirectTo=/);
  }
});

test("a local service officer sees her own area's patterns only", async ({ page, signInAs, checkA11y }) => {
  await signInAs("priya.sharma@leeds.example.gov.uk");
  await page.goto("/analytics?area=anything-else");
  await expect(page.getByText("Leeds, concerns received in")).toBeVisible();
  await expect(page.getByLabel("Local area")).toHaveCount(0);
  await checkA11y();
  await page.goto("/analytics/letters");
  await expect(page.getByRole("link", { name: "Cornwall", exact: true })).toHaveCount(0);
  const cornwall = await page.request.get("/analytics/letters/area/not-leeds");
  expect(cornwall.status()).toBe(404);
  const csv = await (await page.request.get(`/analytics/export.csv?year=${new Date().getFullYear()}&by=area&table=groups`)).text();
  expect(csv).toContain("Leeds");
  expect(csv).not.toContain("Cornwall");
});
