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
        if (scrolls && frame.querySelector(".scroll-cue") && !frame.querySelector(".scroll-cue").checkVisibility()) out.push(`${name} scrolls without a visible cue`);
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
          // Labels on the page's white; white text sits on a dark bar (drawn for it).
          const fill = (t.getAttribute("fill") || "#000000").toLowerCase();
          if (!/^#[0-9a-f]{6}$/.test(fill) || fill === "#ffffff") continue;
          const ratio = 1.05 / (luminance(fill) + 0.05);
          if (ratio < 4.5) out.push(`${name}: "${t.textContent.trim()}" is ${ratio.toFixed(2)}:1 (${fill})`);
        }
        const rects = texts.map((t) => [t.textContent.trim(), t.getBoundingClientRect()]);
        for (let i = 0; i < rects.length; i++) {
          for (let j = i + 1; j < rects.length; j++) {
            const [a, ra] = rects[i], [b, rb] = rects[j];
            const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
            const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
            if (w > 1 && h > 3) out.push(`${name}: "${a}" overlaps "${b}"`);
          }
        }
      }
      for (const cell of document.querySelectorAll("main td, main th")) {
        if (!/%\s*$/.test(cell.textContent) || cell.closest(".md-table, .chart-data, .schedule-wrap")) continue;
        if (!cell.checkVisibility()) continue;
        const r = cell.getBoundingClientRect();
        if (r.left < -0.5 || r.right > width + 0.5) out.push(`percentage cell "${cell.textContent.trim()}" is off screen (${Math.round(r.left)}–${Math.round(r.right)})`);
      }
      return out;
    }, width);
    for (const p of found) problems.push(`${at}: ${p}`);
    if (path === "/" && width === 390) {
      const form = page.locator("#filters");
      if (await form.count()) {
        const select = page.locator('#filters select[name="status"]');
        const options = await select.locator("option").evaluateAll((os) => os.map((o) => o.value));
        for (const value of options) {
          await select.selectOption(value);
          const [shown, expected] = await page.evaluate((value) => {
            const items = [...document.querySelectorAll(".pledge-item")];
            const shown = items.filter((i) => i.checkVisibility()).length;
            const expected = items.filter((i) => !value || i.dataset.status === value).length;
            return [shown, expected];
          }, value);
          if (shown !== expected) problems.push(`${at}: filter status=${value || "(all)"} shows ${shown} pledges, ${expected} match`);
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
