// Accessibility: axe-core (WCAG 2.1 A/AA rules) on each page of a site served by
// `pledgesite serve`, at desktop and phone widths. Fails on any violation, whatever its impact.
// Env: PLEDGESITE_BIN, SITE, PORT, PAGES (comma-separated paths), WATCH.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { launch, fail, waitFor } from "./browser.mjs";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");
const { PLEDGESITE_BIN, SITE, PORT, PAGES } = process.env;
const base = `http://127.0.0.1:${PORT}`;
// WATCH=1: `serve --watch`, which also serves the update screen (/_update/).
const watch = process.env.WATCH === "1" ? ["--watch"] : [];
const server = spawn(PLEDGESITE_BIN, ["serve", ...watch, "--port", PORT, "--root", SITE], { stdio: "ignore" });
process.on("exit", () => server.kill("SIGINT"));
await waitFor(async () => { try { return (await fetch(base + "/")).status < 500; } catch { return false; } }, "the server", 30000);

const browser = await launch();
const problems = [];
let checked = 0;
for (const width of [1280, 390, 320]) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  for (const path of PAGES.split(",")) {
    await page.goto(base + path);
    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate(() =>
      window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }));
    checked++;
    for (const v of result.violations) {
      problems.push(`${path} @${width}px: [${v.impact}] ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("\n    ")}`);
    }
  }
  await page.close();
}
await browser.close();
if (problems.length) fail(`${problems.length} accessibility violations:\n${problems.join("\n")}`);
console.log(`accessibility: ok (${checked} page checks, 0 violations)`);
process.exit(0);
