// Shared helpers for the browser tests: Debian's chromium through playwright-core.
import { chromium } from "playwright-core";

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}

export function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exit(1);
}

export async function waitFor(predicate, what, timeoutMs = 10000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await predicate()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 5));
  }
  fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
