// The unmet-demand map: one rectangle per area of the table. Without JavaScript or tiles
// the table is the page; the map only shows the same rows.
(function () {
  "use strict";
  // Django's JavaScript catalogue (/jsi18n/) defines these; without it, the English stands.
  var gettext = window.gettext || function (text) { return text; };
  var interpolate = window.interpolate || function (format, values) {
    return format.replace(/%\((\w+)\)s/g, function (_, name) { return String(values[name]); });
  };
  function init() {
    var el = document.getElementById("demand-map");
    var data = document.getElementById("demand-cells");
    if (!window.L || !el || !data) return;
    var cells = JSON.parse(data.textContent);
    el.textContent = "";
    var map = L.map(el, { scrollWheelZoom: false });
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: el.dataset.attribution }).addTo(map);
    }
    var top = Math.max.apply(null, cells.map(function (c) { return c.total; }).concat([1]));
    var all = [];
    cells.forEach(function (cell) {
      var b = cell.bounds; // south, west, north, east
      var box = [[b[0], b[1]], [b[2], b[3]]];
      all.push(box[0], box[1]);
      L.rectangle(box, { weight: 1, color: "#8a3b12", fillOpacity: 0.15 + 0.6 * cell.total / top })
        .addTo(map)
        .bindTooltip(interpolate(
          // Translators: a map tooltip: what is counted, how many, and the area's size.
          gettext("%(label)s: %(total)s (%(area)s)"),
          { label: cell.label, total: cell.total, area: cell.area }, true));
    });
    map.fitBounds(L.latLngBounds(all), { padding: [16, 16], maxZoom: 12 });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
