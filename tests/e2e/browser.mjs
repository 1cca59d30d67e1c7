// Shared helpers for the browser tests: Debian's chromium through playwright-core.
import { chromium } from "playwright-core";
import http from "node:http";
import { readFileSync, existsSync, statSync } from "node:fs";
import { join, extname } from "node:path";

// A built site's folder served as GitHub Pages serves it (folders by their index.html, the
// site's 404.html for what is missing), on 127.0.0.1:port. With `cache`, files carry GitHub
// Pages' `Cache-Control: max-age=600`, so a reader's next page takes them from the cache.
export function serveFolder(dir, port, { cache = false } = {}) {
  const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml", ".xml": "application/xml", ".txt": "text/plain", ".woff2": "font/woff2" };
  return http.createServer((req, res) => {
    let path = join(dir, decodeURIComponent(req.url.split("?")[0]));
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, "index.html");
    if (!existsSync(path)) {
      const missing = join(dir, "404.html");
      res.writeHead(404, { "content-type": types[".html"] });
      res.end(existsSync(missing) ? readFileSync(missing) : "");
      return;
    }
    const headers = { "content-type": types[extname(path)] || "application/octet-stream" };
    if (cache) headers["cache-control"] = "max-age=600";
    res.writeHead(200, headers);
    res.end(readFileSync(path));
  }).listen(Number(port), "127.0.0.1");
}

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
