// Maps: a pin on [data-map] elements; on [data-map-picker] a draggable pin that fills the
// latitude and longitude fields. Without JavaScript or tiles the page still works: the
// fields can be typed and the address is shown as text.
(function () {
  "use strict";
  // Django's JavaScript catalogue (/jsi18n/) defines these; without it, the English stands.
  var gettext = window.gettext || function (text) { return text; };
  function init() {
    if (!window.L) return;
    document.querySelectorAll("[data-map]").forEach(function (el) {
      var lat = parseFloat(el.dataset.lat), lng = parseFloat(el.dataset.lng);
      var editable = el.hasAttribute("data-map-picker");
      if (isNaN(lat) || isNaN(lng)) { lat = 45.52; lng = -122.67; }
      var map = L.map(el, { scrollWheelZoom: false }).setView([lat, lng], 15);
      if (el.dataset.tiles) {
        L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: el.dataset.attribution }).addTo(map);
      }
      var label = el.dataset.label || gettext("Marker");
      var marker = L.marker([lat, lng], { draggable: editable, title: label, alt: label }).addTo(map);
      if (editable) {
        var latInput = document.getElementById(el.dataset.latInput);
        var lngInput = document.getElementById(el.dataset.lngInput);
        marker.on("dragend", function () {
          var p = marker.getLatLng();
          latInput.value = p.lat.toFixed(6);
          lngInput.value = p.lng.toFixed(6);
        });
      }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
