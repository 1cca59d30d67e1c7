// A whole quarter of the 예시구 sample through the update screen, as staff would do it: start
// the new reporting date, make six changes (a 보류 with its reason, a drop with its reason, a
// cleared reason among them), save, record the report.
// Env: PLEDGESITE_BIN, SITE, PORT, CHANGES (JSON: [[number, status, progress, reason], …]).
import { spawn } from "node:child_process";
import { launch, fail, waitFor } from "./browser.mjs";

const { PLEDGESITE_BIN, SITE, PORT, CHANGES } = process.env;
const base = `http://127.0.0.1:${PORT}`;
const server = spawn(PLEDGESITE_BIN, ["serve", "--watch", "--port", PORT, "--root", SITE], { stdio: "ignore" });
process.on("exit", () => server.kill("SIGINT"));
await waitFor(async () => { try { return (await fetch(base + "/_update/")).status === 200; } catch { return false; } }, "the update screen", 30000);

const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(base + "/_update/");
await page.locator("details.update-actions summary").click();
await page.getByLabel("새 보고 기준일", { exact: true }).fill("2026-06-30");
await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "새 분기 시작" }).click()]);
if (!(await page.content()).includes("2026-03-31 → 2026-06-30")) fail("the new quarter did not start");
// Checked as typed (the page asks the server, which uses check's rules): a progress of 150 is
// said beside its row at once, and goes when corrected.
const figuresBefore = await page.locator(".report-summary").textContent();
const [firstNumber] = JSON.parse(CHANGES)[0];
const progressField = page.getByLabel(`${firstNumber} 추진율(%)`, { exact: true });
const problemsCell = progressField.locator("xpath=ancestor::tr").locator("td.p");
await progressField.fill("150");
await waitFor(async () => (await problemsCell.textContent()).includes("150"), "the live check of 150", 10000);
if (!(await progressField.getAttribute("aria-invalid"))) fail("150 is not marked invalid");
for (const [number, status, progress, reason] of JSON.parse(CHANGES)) {
  await page.getByLabel(`${number} 이행 상태`, { exact: true }).selectOption(status);
  await page.getByLabel(`${number} 추진율(%)`, { exact: true }).fill(progress);
  await page.getByLabel(`${number} 사유`, { exact: true }).fill(reason);
}
await waitFor(async () => (await problemsCell.textContent()).trim() === "", "the corrected row to clear", 10000);
await waitFor(async () => (await page.locator(".report-summary").textContent()) !== figuresBefore, "the figures to follow the values", 10000);
await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "저장" }).click()]);
const saved = await page.content();
if (!saved.includes("공약 카드 6개를 저장했습니다")) fail("save: " + saved.slice(saved.indexOf("<main"), saved.indexOf("<main") + 1500));
if (!(await page.getByRole("status").first().evaluate((e) => e.checkVisibility()))) fail("the save's result is not seen");
await page.locator("details.update-actions summary").click();
await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "기록으로 남기기" }).click()]);
if (!(await page.content()).includes("2026-06-30 보고를")) fail("the report was not recorded");
await browser.close();
console.log("update quarter: ok");
process.exit(0);
