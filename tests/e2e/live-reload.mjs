// End-to-end: `pledgesite serve --watch` in a real browser. Edit Markdown → the open page shows
// it without a manual reload; break the front matter → the overlay appears and the server still
// answers; fix it → the page recovers by itself.
// Env: PLEDGESITE_BIN, SITE (a copy of a site), PORT, PAGE (path of the page to open),
// SECTION (Markdown file to edit, relative to SITE).
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { launch, fail, waitFor } from "./browser.mjs";

const { PLEDGESITE_BIN, SITE, PORT, PAGE, SECTION } = process.env;
const base = `http://127.0.0.1:${PORT}`;
const server = spawn(PLEDGESITE_BIN, ["serve", "--watch", "--port", PORT, "--root", SITE], { stdio: ["ignore", "pipe", "pipe"] });
let log = "";
server.stdout.on("data", (d) => (log += d));
server.stderr.on("data", (d) => (log += d));
process.on("exit", () => server.kill("SIGINT"));

const up = async () => { try { return (await fetch(`${base}${PAGE}`)).ok; } catch { return false; } };
await waitFor(up, "the server to answer", 30000);

const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(`${base}${PAGE}`);
  await page.waitForFunction(() => document.querySelector('script[src="/__pledgesite/live.js"]'));
  await new Promise((r) => setTimeout(r, 300)); // let the EventSource connect

  // 1. An edit appears without touching the browser.
  const file = `${SITE}/${SECTION}`;
  const original = readFileSync(file, "utf8");
  const marker = `라이브-리로드-${Date.now()}`;
  const edited = Date.now();
  writeFileSync(file, `${original}\n\n${marker}\n`);
  await waitFor(() => page.evaluate((m) => document.body.innerText.includes(m), marker).catch(() => false), "the marker in the open page");
  console.log(`edit-to-visible: ${Date.now() - edited} ms`);

  // 2. Broken front matter: overlay, and the server keeps serving the last good build.
  writeFileSync(file, `---\ntitle: [broken\n---\n${marker}\n`);
  await waitFor(() => page.evaluate(() => !!document.getElementById("pledgesite-error-overlay")).catch(() => false), "the error overlay");
  const overlay = await page.evaluate(() => document.getElementById("pledgesite-error-overlay").innerText);
  if (!overlay.includes(SECTION)) fail(`overlay does not name the file: ${overlay}`);
  const still = await fetch(`${base}${PAGE}`);
  if (!still.ok || !(await still.text()).includes(marker)) fail("the server stopped serving the last good build");

  // 3. Fixed: the overlay goes and the page shows the fixed content by itself.
  const fixed = `${marker}-고침`;
  writeFileSync(file, `${original}\n\n${fixed}\n`);
  await waitFor(() => page.evaluate((m) => !document.getElementById("pledgesite-error-overlay") && document.body.innerText.includes(m), fixed).catch(() => false), "recovery");
  writeFileSync(file, original);
  console.log("live reload: ok");
} catch (e) {
  console.error(log);
  fail(e.stack || String(e));
} finally {
  await browser.close();
}
process.exit(0);
