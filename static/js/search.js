// The search page. The form works without this file; with it:
// - a map of the results (Leaflet; markers still show when tiles cannot load),
// - "Use my location" fills hidden coordinates and submits,
// - typing a new place drops coordinates left by an earlier "use my location".
(function () {
  "use strict";
  // Django's JavaScript catalogue (/jsi18n/) defines these; without it, the English stands.
  var gettext = window.gettext || function (text) { return text; };
  var map = null;

  function drawMap() {
    var el = document.getElementById("results-map");
    if (map) { map.remove(); map = null; }
    if (!el || !window.L) return;
    el.classList.add("is-live");
    map = L.map(el, { scrollWheelZoom: false });
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: el.dataset.attribution }).addTo(map);
    }
    var points = [];
    document.querySelectorAll("[data-result][data-lat]").forEach(function (item) {
      var point = [parseFloat(item.dataset.lat), parseFloat(item.dataset.lng)];
      points.push(point);
      var link = document.createElement("a");
      link.href = item.dataset.url;
      link.textContent = item.dataset.name;
      L.marker(point, { title: item.dataset.name, alt: item.dataset.name }).addTo(map).bindPopup(link);
    });
    var centre = [parseFloat(el.dataset.lat), parseFloat(el.dataset.lng)];
    if (points.length) map.fitBounds(L.latLngBounds(points.concat([centre])), { padding: [24, 24], maxZoom: 15 });
    else map.setView(centre, 12);
  }

  function setCoordinates(form, lat, lng) {
    ["lat", "lng"].forEach(function (name, i) {
      var input = form.querySelector("input[name=" + name + "]");
      if (lat === null) { if (input) input.remove(); return; }
      if (!input) {
        input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        form.appendChild(input);
      }
      input.value = (i === 0 ? lat : lng).toFixed(5);
    });
  }

  function init() {
    var form = document.getElementById("search-form");
    if (!form) return;
    var place = document.getElementById("id_place");
    var button = document.getElementById("use-location");
    place.addEventListener("input", function () { setCoordinates(form, null); });
    if (button && navigator.geolocation) {
      button.hidden = false;
      button.addEventListener("click", function () {
        button.textContent = gettext("Finding you…");
        navigator.geolocation.getCurrentPosition(function (position) {
          place.value = "";
          place.placeholder = gettext("Your location");
          setCoordinates(form, position.coords.latitude, position.coords.longitude);
          button.textContent = gettext("Use my location");
          form.requestSubmit();
        }, function () {
          button.textContent = gettext("Location unavailable: type a place");
        }, { timeout: 10000, maximumAge: 600000 });
      });
    }
    // The map and the filters are <details>; a swap of #results keeps them as they were.
    var mapOpen = window.matchMedia("(min-width: 48rem)").matches;
    var filtersOpen = false;
    function keepDisclosures() {
      var disclosure = document.getElementById("map-disclosure");
      if (disclosure) {
        disclosure.hidden = false;
        disclosure.open = mapOpen;
        // Leaflet measures its box when drawn, so draw again once the box is shown.
        disclosure.addEventListener("toggle", function () {
          mapOpen = disclosure.open;
          if (mapOpen) drawMap();
        });
      }
      var filters = document.getElementById("filters-disclosure");
      if (filters) {
        filters.open = filtersOpen;
        filters.addEventListener("toggle", function () { filtersOpen = filters.open; });
      }
    }
    keepDisclosures();
    drawMap();
    document.body.addEventListener("htmx:afterSettle", function (event) {
      if (event.detail.target && event.detail.target.id === "results") { keepDisclosures(); drawMap(); }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
