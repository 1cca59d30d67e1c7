// Dashboard filters: progressive enhancement. Without JavaScript the full list shows and the
// form stays hidden; with it, choosing an area, sub-area, status or department hides the other
// pledges, and the headings of groups left empty.
(function () {
  var form = document.getElementById("filters");
  if (!form) return;
  form.hidden = false;
  var items = Array.prototype.slice.call(document.querySelectorAll(".pledge-item"));
  var count = form.querySelector(".filter-count");
  function value(name) { return form.elements[name] ? form.elements[name].value : ""; }
  function apply() {
    var area = value("area"), sub = value("sub_area"), status = value("status"), dept = value("department");
    var shown = 0;
    items.forEach(function (item) {
      var match = (!area || item.dataset.area === area) && (!sub || item.dataset.subArea === sub) &&
        (!status || item.dataset.status === status) && (!dept || item.dataset.department === dept);
      item.hidden = !match;
      if (match) shown++;
    });
    document.querySelectorAll(".pledge-list").forEach(function (list) {
      var heading = list.previousElementSibling;
      var any = list.querySelector(".pledge-item:not([hidden])");
      list.hidden = !any;
      if (heading && (heading.tagName === "H3" || heading.tagName === "H4")) heading.hidden = !any;
    });
    document.querySelectorAll(".area-group").forEach(function (group) {
      var any = group.querySelector(".pledge-item:not([hidden])");
      var heading = group.querySelector("h3");
      if (heading) heading.hidden = !any;
    });
    count.textContent = (form.dataset.count || "{shown} / {total}").replace("{shown}", shown).replace("{total}", items.length);
  }
  form.addEventListener("change", apply);
  apply();
})();
