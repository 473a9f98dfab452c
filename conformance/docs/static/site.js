// Search and filters of the overview: by id, section, status, edition and text. Local, no library.
(function () {
  "use strict";
  var table = document.getElementById("statements");
  var search = document.getElementById("search");
  if (!table || !search) { return; }
  var section = document.getElementById("filter-section");
  var status = document.getElementById("filter-status");
  var edition = document.getElementById("filter-edition");
  var shown = document.getElementById("visible-count");
  var none = document.getElementById("no-match");
  var rows = Array.prototype.slice.call(table.querySelectorAll("tr.statement-row"));

  function apply() {
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var visible = 0;
    rows.forEach(function (row) {
      var d = row.dataset;
      var ok = (!section.value || d.section === section.value) &&
        (!status.value || d.status === status.value) &&
        (!edition.value || d.editions.split(" ").indexOf(edition.value) >= 0) &&
        words.every(function (w) { return d.text.indexOf(w) >= 0; });
      row.hidden = !ok;
      if (ok) { visible += 1; }
    });
    shown.textContent = visible + " shown";
    none.hidden = visible !== 0;
    var params = new URLSearchParams();
    if (search.value) { params.set("q", search.value); }
    if (section.value) { params.set("section", section.value); }
    if (status.value) { params.set("status", status.value); }
    if (edition.value) { params.set("edition", edition.value); }
    var query = params.toString();
    try {  // keep the filters in the address, so a filtered view can be linked (not allowed everywhere)
      history.replaceState(null, "", query ? "?" + query + "#all" : location.pathname + location.hash);
    } catch (e) { /* a file:// page may refuse; the filters still work */ }
  }

  var initial = new URLSearchParams(location.search);
  search.value = initial.get("q") || "";
  section.value = initial.get("section") || "";
  status.value = initial.get("status") || "";
  edition.value = initial.get("edition") || "";
  [search, section, status, edition].forEach(function (control) {
    control.addEventListener("input", apply);
    control.addEventListener("change", apply);
  });
  apply();
}());
