// Edit-to-visible latency of `pledgesite serve --watch`, measured in a real browser: append a
// marker to a Markdown file and time until the open page shows it. Prints min/median/max.
//   node bench/latency.mjs SITE PAGE FILE [RUNS]
// e.g. node bench/latency.mjs . /pledges/16-better-jobs/ content/pledges/16-better-jobs/10-future.md
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const { launch, waitFor } = await import(path.join(here, "../tests/e2e/browser.mjs"));
const [site, page, file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 15);
const port = 20000 + Math.floor(Math.random() * 20000);
const bin = process.env.PLEDGESITE_BIN || path.join(here, "../target/release/pledgesite");
const server = spawn(bin, ["serve", "--watch", "--port", String(port), "--root", site], { stdio: "ignore" });
process.on("exit", () => server.kill("SIGINT"));
const url = `http://127.0.0.1:${port}${page}`;
await waitFor(async () => { try { return (await fetch(url)).ok; } catch { return false; } }, "the server", 120000);

const browser = await launch();
const tab = await browser.newPage();
await tab.goto(url);
await new Promise((r) => setTimeout(r, 500));
const target = path.join(site, file);
const original = readFileSync(target, "utf8");
const times = [];
for (let i = 0; i < runs; i++) {
  const marker = `지연측정-${i}-${Date.now()}`;
  const started = Date.now();
  writeFileSync(target, `${original}\n\n${marker}\n`);
  await waitFor(() => tab.evaluate((m) => document.body.innerText.includes(m), marker).catch(() => false), "the edit", 30000);
  times.push(Date.now() - started);
  await new Promise((r) => setTimeout(r, 150));
}
writeFileSync(target, original);
await browser.close();
times.sort((a, b) => a - b);
console.log(`${site} ${page}: edit-to-visible over ${runs} edits: min ${times[0]} ms, median ${times[Math.floor(times.length / 2)]} ms, max ${times[times.length - 1]} ms`);
process.exit(0);
