// The site's own typeface as a reader's browser uses it: every text on the given pages is drawn
// with the published subset, none falls back to a system font (a glyph missing from the subset
// would), at phone and desktop widths. Chromium says which font drew each text node
// (CSS.getPlatformFontsForNode), so this asserts what is on screen, not what the CSS asks for.
// Env: SITE_DIR, PAGES (comma-separated paths), PORT, FAMILY (the font's family name), FACES
// (the PostScript names of its weights, comma-separated: each must draw text, so a broken bold
// subset, which the browser would replace with a slanted-up regular, fails),
// MISSING (the pages' characters the font itself lacks, e.g. ◐: those may fall back),
// SHOTS (optional folder for screenshots).
import { serveFolder, launch, fail } from "./browser.mjs";

const { SITE_DIR, PAGES, PORT, FAMILY, SHOTS } = process.env;
const missing = new Set(process.env.MISSING || "");
const faces = (process.env.FACES || "").split(",").filter(Boolean);
const server = serveFolder(SITE_DIR, PORT, { cache: true });
const browser = await launch();
let checked = 0;
try {
  for (const width of [390, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    const client = await context.newCDPSession(page);
    for (const path of PAGES.split(",")) {
      // `font-display: optional`: a font that takes longer than ~100 ms is used from the next
      // page on, never swapped in under the reader's eyes. Asked twice, it is in the cache, as
      // on a reader's next page.
      for (let visit = 0; visit < 2; visit++) {
        await page.goto(`http://127.0.0.1:${PORT}${path}`);
        await page.evaluate(() => document.fonts.ready);
      }
      const loaded = await page.evaluate(() =>
        [...document.fonts].map((f) => `${f.family} ${f.weight} ${f.status}`));
      if (loaded.length !== faces.length || !loaded.every((f) => f.endsWith("loaded"))) {
        fail(`${path} at ${width}px: not every face loaded: ${loaded}`);
      }
      const drew = new Set();
      await client.send("DOM.enable");
      await client.send("CSS.enable");
      const { root } = await client.send("DOM.getDocument", { depth: -1 });
      const { nodeIds } = await client.send("DOM.querySelectorAll", {
        nodeId: root.nodeId,
        // Every element, with the text inside it; code is set in a monospace font on purpose.
        selector: "body *:not(script, style, svg, svg *, code, pre, kbd, samp, code *, pre *, kbd *, samp *):not(:has(code, pre, kbd, samp))",
      });
      for (const nodeId of nodeIds) {
        let fonts;
        try {
          ({ fonts } = await client.send("CSS.getPlatformFontsForNode", { nodeId }));
        } catch {
          continue; // not rendered (display: none)
        }
        const { outerHTML } = await client.send("DOM.getOuterHTML", { nodeId });
        const text = outerHTML.replace(/<[^>]*>/g, "");
        let mayFallBack = [...text].filter((c) => missing.has(c)).length;
        for (const font of fonts) {
          if (font.familyName !== FAMILY || !font.isCustomFont) {
            mayFallBack -= font.glyphCount;
            if (mayFallBack >= 0) continue;
            fail(`${path} at ${width}px: ${font.glyphCount} glyph(s) drawn with ${font.familyName} (custom: ${font.isCustomFont}), not the site's ${FAMILY}, in ${outerHTML.slice(0, 200)}`);
          }
          checked += font.glyphCount;
          drew.add(font.postScriptName);
        }
      }
      const unused = faces.filter((name) => !drew.has(name));
      if (unused.length) fail(`${path} at ${width}px: no text drawn with ${unused} (drawn with ${[...drew]})`);
      if (SHOTS) {
        const name = path.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "home";
        await page.screenshot({ path: `${SHOTS}/font-${name}-${width}.png` });
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
if (checked < 1000) fail(`only ${checked} glyphs checked`);
console.log(`ok: ${checked} glyphs drawn with ${FAMILY}`);
