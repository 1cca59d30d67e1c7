// A report page's sheet as a reader finds it: the 점검표 links are seen on screen at desktop and
// phone widths (inside the screen, not cut off), download a real workbook and CSV, and are left
// out of the printed page, where a link cannot be followed; the printed page gives its full
// address.
// Env: PLEDGESITE_BIN, SITE, PORT, REPORT (the report's path, e.g. /reports/2026-03-31/).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { launch, fail, waitFor } from "./browser.mjs";

const { PLEDGESITE_BIN, SITE, PORT, REPORT } = process.env;
const base = `http://127.0.0.1:${PORT}`;
const server = spawn(PLEDGESITE_BIN, ["serve", "--port", PORT, "--root", SITE], { stdio: "ignore" });
process.on("exit", () => server.kill("SIGINT"));
await waitFor(async () => { try { return (await fetch(base + "/")).status < 500; } catch { return false; } }, "the server", 30000);

const browser = await launch();
for (const width of [1280, 390, 320]) {
  const page = await browser.newPage({ viewport: { width, height: 800 }, acceptDownloads: true });
  await page.goto(base + REPORT);
  const links = page.locator(".report-sheet a");
  if ((await links.count()) !== 2) fail(`@${width}px: expected the .xlsx and .csv links`);
  for (let i = 0; i < 2; i++) {
    const link = links.nth(i);
    if (!(await link.evaluate((a) => a.checkVisibility()))) fail(`@${width}px: sheet link ${i} is not visible`);
    const box = await link.boundingBox();
    if (!box || box.x < 0 || box.x + box.width > width) fail(`@${width}px: sheet link ${i} is off screen: ${JSON.stringify(box)}`);
  }
  if (width === 390) {
    for (const [i, magic] of [[0, "PK"], [1, "\ufeff"]]) {
      const [download] = await Promise.all([page.waitForEvent("download"), links.nth(i).click()]);
      const bytes = readFileSync(await download.path());
      const start = i === 0 ? bytes.subarray(0, 2).toString("latin1") : bytes.toString("utf8").slice(0, 1);
      if (start !== magic) fail(`download ${download.suggestedFilename()} is not the sheet`);
    }
  }
  await page.emulateMedia({ media: "print" });
  if (await page.locator(".report-sheet").evaluate((p) => p.checkVisibility())) fail(`@${width}px: the sheet links are printed`);
  // The printed page says where it came from, in full, though the site's base_url is only `/`.
  const address = page.locator(".print-url");
  if (!(await address.evaluate((p) => p.checkVisibility()))) fail(`@${width}px: the page address is not printed`);
  const printed = await address.innerText();
  if (!printed.endsWith(`: ${base}${REPORT}`)) fail(`@${width}px: the printed address is "${printed}", not ${base}${REPORT}`);
  await page.close();
}
await browser.close();
console.log("report sheet: ok");
process.exit(0);
