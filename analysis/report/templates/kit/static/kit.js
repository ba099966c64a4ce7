/* The report kit's script, inlined once into every page. No network: the
   DataTables bundle (shipped with itables) sits in the page as base64 and is
   imported from a Blob URL.
   - A link to something inside a collapsed block opens the block and scrolls there.
   - Tables marked `kit-dt` become sortable, searchable and filterable per column.
   While it works, <html data-kit-busy="1">; afterwards data-kit-tables = tables enhanced. */
(function () {
  "use strict";
  var root = document.documentElement;

  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    if (!el) return;
    for (var d = el.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) d.open = true;
    el.scrollIntoView({ block: "start" });
  }
  window.addEventListener("hashchange", openTarget);
  window.addEventListener("DOMContentLoaded", openTarget);

  function enhance(DataTable) {
    var n = 0;
    document.querySelectorAll("table.kit-dt").forEach(function (table) {
      var rows = table.tBodies[0] ? table.tBodies[0].rows.length : 0;
      var len = parseInt(table.getAttribute("data-page-length") || "10", 10);
      var cols = table.tHead ? table.tHead.rows[0].cells.length : 0;
      // an ordering button and a search box per column while they fit; a wide table sorts by a click
      // on its header (no buttons to widen the columns) and keeps the search over all columns
      var wide = cols > 10;
      var control = wide ? [] : [{ target: 0, content: ["order"] }, { target: 1, content: ["search"] }];
      new DataTable(table, {
        order: [],                      // the table's own order until a reader sorts
        autoWidth: false,
        pageLength: len,
        lengthMenu: [len, 25, 100, -1].filter(function (v, i, a) { return a.indexOf(v) === i; }).sort(function (a, b) { return (a < 0) - (b < 0) || a - b; }),
        paging: rows > len,
        columnControl: control,
        ordering: { indicators: false, handler: wide },
        language: { search: "Search all columns:", emptyTable: "no rows" }
      });
      n += 1;
    });
    return n;
  }

  var src = document.getElementById("kit-datatables");
  if (src && document.querySelector("table.kit-dt")) {
    root.setAttribute("data-kit-busy", "1");
    var bytes = Uint8Array.from(atob(src.textContent.trim()), function (c) { return c.charCodeAt(0); });
    var url = URL.createObjectURL(new Blob([bytes], { type: "text/javascript" }));
    import(url).then(function (mod) {
      URL.revokeObjectURL(url);
      root.setAttribute("data-kit-tables", String(enhance(mod.default)));
    }).catch(function (err) {
      root.setAttribute("data-kit-error", String(err));
    }).finally(function () {
      root.removeAttribute("data-kit-busy");
      openTarget();
    });
  }
})();
