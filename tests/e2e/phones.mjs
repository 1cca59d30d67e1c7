// What a reader sees on a phone and on a desktop, on every page of a built site: no page scrolls
// sideways (WCAG 1.4.10), every chart shown is inside the screen with text of at least 11 px, no
// two of its labels overlapping and each label at least 4.5:1 on white; every percentage cell
// of a table is on screen; and on the home page each status filter shows exactly its pledges.
// The schedule (a Gantt table or chart) may scroll inside its own frame, with a visible cue.
// Env: SITE_DIR (a built site's public/ folder, served here), PAGES (comma-separated paths),
// PORT.
import { launch, fail, serveFolder } from "./browser.mjs";
const { SITE_DIR, PAGES, PORT } = process.env;
const server = serveFolder(SITE_DIR, PORT);
const base = `http://127.0.0.1:${PORT}`;

const browser = await launch();
const problems = [];
let checked = 0;
for (const width of [320, 390, 1280]) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  for (const path of PAGES.split(",")) {
    await page.goto(base + path);
    // Measured once the page has settled: fonts in, and the scroll-driven cues updated for the
    // final layout (they follow it a frame later).
    await page.evaluate(async () => {
      await document.fonts.ready;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    });
    checked++;
    const at = `${path} @${width}px`;
    const found = await page.evaluate((width) => {
      const out = [];
      const doc = document.documentElement;
      if (doc.scrollWidth > width + 1) {
        const wide = [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > width + 1 && e.checkVisibility() && !e.closest(".table-wrap, .chart-frame"));
        out.push(`page is ${doc.scrollWidth}px wide: ${wide.slice(0, 3).map((e) => e.tagName + "." + e.className).join(", ")}`);
      }
      for (const svg of document.querySelectorAll("svg.pledgesite-chart")) {
        if (!svg.checkVisibility()) continue;
        const name = svg.getAttribute("aria-labelledby").split(" ")[0];
        const frame = svg.closest(".chart");
        const scrolls = frame && frame.classList.contains("chart-schedule");
        const box = svg.getBoundingClientRect();
        if (!scrolls && (box.left < -0.5 || box.right > width + 0.5)) out.push(`${name} runs off the screen: ${Math.round(box.left)}–${Math.round(box.right)}`);
        const scale = box.width / svg.viewBox.baseVal.width;
        const texts = [...svg.querySelectorAll("text")].filter((t) => t.textContent.trim());
        const luminance = (hex) => {
          const v = parseInt(hex.slice(1), 16);
          const c = [(v >> 16) & 255, (v >> 8) & 255, v & 255].map((x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
          return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
        };
        for (const t of texts) {
          const size = parseFloat(getComputedStyle(t).fontSize) * scale;
          if (size < 10.95) out.push(`${name}: "${t.textContent.trim()}" is ${size.toFixed(1)}px`);
          const r = t.getBoundingClientRect();
          if (r.left < box.left - 0.5 || r.right > box.right + 0.5) out.push(`${name}: "${t.textContent.trim()}" is cut off at the chart's edge`);
          // Labels on the page's white; white text sits on a dark bar (drawn for it).
          const [red, green, blue] = getComputedStyle(t).fill.match(/\d+/g).map(Number);
          const fill = "#" + [red, green, blue].map((v) => v.toString(16).padStart(2, "0")).join("");
          if (fill === "#ffffff") continue;
          const ratio = 1.05 / (luminance(fill) + 0.05);
          if (ratio < 4.5) out.push(`${name}: "${t.textContent.trim()}" is ${ratio.toFixed(2)}:1 (${fill})`);
        }
        // Each label's em box (its font size tall, centred on its line): what its glyphs fill,
        // without the line gap that a text's bounding box adds.
        const rects = texts.map((t) => {
          const r = t.getBoundingClientRect();
          const half = (parseFloat(getComputedStyle(t).fontSize) * scale) / 2;
          const middle = (r.top + r.bottom) / 2;
          return [t.textContent.trim(), { left: r.left, right: r.right, top: middle - half, bottom: middle + half }];
        });
        for (let i = 0; i < rects.length; i++) {
          for (let j = i + 1; j < rects.length; j++) {
            const [a, ra] = rects[i], [b, rb] = rects[j];
            const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
            const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
            if (w > 1 && h > 0.5) out.push(`${name}: "${a}" overlaps "${b}"`);
          }
        }
      }
      // A frame that scrolls says so above it; generated tables never need to (they stack).
      for (const frame of document.querySelectorAll(".chart-frame, .table-wrap")) {
        if (!frame.checkVisibility() || frame.closest(".chart-data") || frame.scrollWidth <= frame.clientWidth + 1) continue;
        const what = frame.className + " " + (frame.getAttribute("aria-label") || "");
        const cue = getComputedStyle(frame, "::before");
        const cued = cue.content && cue.content !== "none" && cue.content !== "normal" && cue.display !== "none" && cue.visibility === "visible";
        if (!cued) out.push(`${what} scrolls without a visible cue`);
        if (frame.matches(".table-wrap:not(.wide):not(.md-table)")) out.push(`${what} does not fit (${frame.scrollWidth}px in ${frame.clientWidth}px)`);
      }
      for (const cell of document.querySelectorAll("main td, main th")) {
        if (!/%\s*$/.test(cell.textContent) || cell.closest(".chart-data, .wide")) continue;
        if (!cell.checkVisibility()) continue;
        const r = cell.getBoundingClientRect();
        if (r.left < -0.5 || r.right > width + 0.5) out.push(`percentage cell "${cell.textContent.trim()}" is off screen (${Math.round(r.left)}–${Math.round(r.right)})`);
      }
      return out;
    }, width);
    for (const p of found) problems.push(`${at}: ${p}`);
    if (path === "/" && width === 390 && (await page.locator("#filters").count())) {
      // Each choice of each filter (the others on "all"): exactly the matching pledges are seen.
      const filters = await page.locator("#filters select").evaluateAll((ss) => ss.map((s) => [s.name, [...s.options].map((o) => o.value)]));
      const key = { area: "area", sub_area: "subArea", status: "status", department: "department" };
      for (const [name, values] of filters) {
        for (const value of values) {
          for (const [other] of filters) await page.locator(`#filters select[name="${other}"]`).selectOption("");
          await page.locator(`#filters select[name="${name}"]`).selectOption(value);
          const [shown, expected] = await page.evaluate(([field, value]) => {
            const items = [...document.querySelectorAll(".pledge-item")];
            return [items.filter((i) => i.checkVisibility()).length, items.filter((i) => !value || i.dataset[field] === value).length];
          }, [key[name], value]);
          if (shown !== expected) problems.push(`${at}: filter ${name}=${value || "(all)"} shows ${shown} pledges, ${expected} match`);
        }
      }
    }
  }
  await page.close();
}
await browser.close();
server.close();
if (problems.length) fail(`${problems.length} problems:\n` + problems.slice(0, 60).join("\n"));
console.log(`phones: ok (${checked} page views)`);
process.exit(0);
