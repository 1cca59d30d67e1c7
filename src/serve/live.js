// pledgesite serve: live reload and error overlay. Injected by the dev server only.
(function () {
  var overlay = null;
  function hideOverlay() { if (overlay) { overlay.remove(); overlay = null; } }
  function showOverlay(problems) {
    hideOverlay();
    overlay = document.createElement("div");
    overlay.id = "pledgesite-error-overlay";
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:#14161a;color:#fff;font:15px/1.55 ui-monospace,Menlo,Consolas,monospace;padding:2rem";
    var title = document.createElement("h2");
    // The messages come in the site's language; the overlay's own words follow the page's.
    var ko = (document.documentElement.lang || "ko").indexOf("en") !== 0;
    title.textContent = ko
      ? "빌드 오류 — 파일을 고쳐 저장하면 이 화면이 저절로 바뀝니다"
      : "Build error — fix the file and save; this page recovers by itself";
    title.style.cssText = "font:700 18px/1.4 sans-serif;margin:0 0 1rem;color:#ffb4a8";
    overlay.appendChild(title);
    problems.forEach(function (p) {
      var box = document.createElement("div");
      box.className = "pledgesite-problem";
      box.style.cssText = "border-left:4px solid " + (p.severity === "error" ? "#ff6b5b" : "#f5c542") + ";padding:.5rem 1rem;margin:0 0 1rem;background:rgba(255,255,255,.06)";
      var where = document.createElement("div");
      where.textContent = p.path + (p.line ? ":" + p.line + ":" + (p.column || 1) : "") + ": " + (ko ? (p.severity === "error" ? "오류" : "경고") : p.severity);
      where.style.cssText = "color:#9cd1ff";
      var message = document.createElement("div");
      message.textContent = p.message;
      box.appendChild(where);
      box.appendChild(message);
      if (p.hint) {
        var hint = document.createElement("div");
        hint.textContent = (ko ? "도움말: " : "hint: ") + p.hint;
        hint.style.cssText = "color:#b8f5c4";
        box.appendChild(hint);
      }
      overlay.appendChild(box);
    });
    document.body.appendChild(overlay);
  }
  function refreshStyles() {
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href);
      url.searchParams.set("pledgesite", Date.now());
      link.href = url.toString();
    });
  }
  // Swap in the new page without a full reload: faster, and the reader keeps their scroll
  // position while editing. Anything unexpected falls back to a real reload.
  function softReload() {
    fetch(location.href, { cache: "no-store" })
      .then(function (response) {
        var type = response.headers.get("content-type") || "";
        if (!response.ok || type.indexOf("text/html") !== 0) throw new Error("reload");
        return response.text();
      })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, "text/html");
        var x = window.scrollX, y = window.scrollY;
        document.title = next.title;
        document.body.replaceWith(document.adoptNode(next.body));
        overlay = null;
        window.scrollTo(x, y);
      })
      .catch(function () { location.reload(); });
  }
  var hadError = false;
  var source = new EventSource("/__pledgesite/events");
  source.addEventListener("reload", softReload);
  source.addEventListener("css", function () { hideOverlay(); refreshStyles(); });
  source.addEventListener("error", function (event) {
    if (!event.data) return; // connection errors carry no data; EventSource reconnects itself
    hadError = true;
    showOverlay(JSON.parse(event.data));
  });
  source.addEventListener("ok", function () {
    if (hadError) { hadError = false; hideOverlay(); }
  });
})();
