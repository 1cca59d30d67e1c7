// Dashboard filters: progressive enhancement. Without JavaScript the full list shows and the
// form stays hidden; with it, choosing an area, status or department hides the other pledges.
(function () {
  var form = document.getElementById("filters");
  if (!form) return;
  form.hidden = false;
  var items = Array.prototype.slice.call(document.querySelectorAll(".pledge-item"));
  var count = form.querySelector(".filter-count");
  function apply() {
    var area = form.elements.area.value, status = form.elements.status.value, dept = form.elements.department.value;
    var shown = 0;
    items.forEach(function (item) {
      var match = (!area || item.dataset.area === area) && (!status || item.dataset.status === status) &&
        (!dept || item.dataset.department === dept);
      item.hidden = !match;
      if (match) shown++;
    });
    document.querySelectorAll(".pledge-list").forEach(function (list) {
      var heading = list.previousElementSibling;
      var any = list.querySelector(".pledge-item:not([hidden])");
      list.hidden = !any;
      if (heading && heading.tagName === "H3") heading.hidden = !any;
    });
    count.textContent = (form.dataset.count || "{shown} / {total}").replace("{shown}", shown).replace("{total}", items.length);
  }
  form.addEventListener("change", apply);
  apply();
})();
