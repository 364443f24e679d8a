// marsad overview: a Leaflet map and a timeline, drawn from this server's own API and files only.
// Leaflet and Leaflet.markercluster are vendored under /static/vendor (see its README.md).
"use strict";
const marsad = (() => {
  const SVG = "http://www.w3.org/2000/svg";
  const COLOURS = {
    ASSAULT: "#c0392b", COERCE: "#8e44ad", PROTEST: "#e67e22", MOBILIZE: "#7f8c8d", SANCTION: "#2c3e50",
    THREATEN: "#d35400", REJECT: "#95a5a6", ACCUSE: "#b7950b", REQUEST: "#16a085", RETREAT: "#27ae60",
    AID: "#2ecc71", COOPERATE: "#1abc9c", CONCEDE: "#3498db", SUPPORT: "#2980b9", CONSULT: "#2471a3",
    AGREE: "#1e8449",
  };
  // Marker size: a square-root scale of fatalities, capped, so one absurd toll cannot cover the map.
  const MIN_RADIUS = 5;
  const MAX_RADIUS = 22;
  const MAP_EVENTS = 20000; // events drawn at most; past this the note says the map is cut
  const DAY = 86400000;

  function radius(killed) {
    return Math.min(MAX_RADIUS, MIN_RADIUS + 2.2 * Math.sqrt(Math.max(0, killed || 0)));
  }

  function el(name, attrs, parent) {
    const node = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    if (parent) parent.appendChild(node);
    return node;
  }

  function html(name, attrs, text) {
    const node = document.createElement(name);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  async function getJSON(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.json();
  }

  function describe(p) {
    return `${p.plover_type} · ${p.location || p.place_text || "place unknown"} · ${p.date || "date unknown"}` +
      (p.fatalities_best ? ` · ${p.fatalities_best} killed` : "") +
      (Number(p.geo_precision) === 1 ? "" : " (approximate place)");
  }

  function eventMarker(feature) {
    const p = feature.properties;
    const [lon, lat] = feature.geometry.coordinates;
    const size = Math.round(2 * radius(p.fatalities_best));
    const exact = Number(p.geo_precision) === 1;
    const icon = L.divIcon({
      className: `event-marker m-${p.plover_type} ${exact ? "exact" : "approximate"}`,
      iconSize: [size, size],
    });
    const marker = L.marker([lat, lon], { icon, title: describe(p), keyboard: true, riseOnHover: true });
    marker.feature = feature;
    const open = () => { window.location.href = "/events/" + encodeURIComponent(p.id); };
    marker.on("click", open);
    marker.on("keypress", (e) => { if (e.originalEvent.key === "Enter") open(); }); // Leaflet binds Enter to popups only
    return marker;
  }

  function clusterIcon(cluster) {
    const count = cluster.getChildCount();
    const size = count < 10 ? 30 : count < 100 ? 36 : 44;
    return L.divIcon({
      html: `<span>${count}</span>`, className: "event-cluster", iconSize: [size, size],
    });
  }

  // A cluster whose events sit on one spot (or cannot be split further) opens a list of them.
  function eventList(markers) {
    const box = html("div", { class: "event-list" });
    box.appendChild(html("p", {}, `${markers.length} events here:`));
    const list = html("ul");
    const sorted = markers.map((m) => m.feature.properties)
      .sort((a, b) => String(b.date || "").localeCompare(String(a.date || "")));
    for (const p of sorted) {
      const item = html("li");
      item.appendChild(html("a", { href: "/events/" + encodeURIComponent(p.id) }, describe(p)));
      list.appendChild(item);
    }
    box.appendChild(list);
    return box;
  }

  function sizeLegend() {
    const control = L.control({ position: "bottomleft" });
    control.onAdd = () => {
      const box = html("div", { class: "size-legend", id: "size-legend" });
      box.appendChild(html("strong", {}, "Killed"));
      for (const killed of [0, 10, 50, 1000]) {
        const row = html("span", { class: "size-row" });
        const dot = html("span", { class: "size-dot" });
        const d = Math.round(2 * radius(killed));
        dot.style.width = dot.style.height = `${d}px`;
        row.append(dot, killed === 1000 ? "many (capped)" : String(killed));
        box.appendChild(row);
      }
      box.appendChild(html("small", {}, "solid: town · dashed: approximate"));
      return box;
    };
    return control;
  }

  async function map(container, query) {
    const [world, events] = await Promise.all([
      getJSON("/static/world.geojson"),
      getJSON("/api/events.geojson?" + query + (query ? "&" : "") + "limit=" + MAP_EVENTS),
    ]);
    const view = L.map(container, { minZoom: 1, maxZoom: 12, zoomSnap: 0.5, keyboard: true, worldCopyJump: true });
    view.attributionControl.setPrefix(false);
    view.attributionControl.addAttribution("Outlines: Natural Earth");
    L.geoJSON(world, {
      interactive: false,
      style: { color: "#99aaaa", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1, className: "country" },
    }).addTo(view);
    const cluster = L.markerClusterGroup({
      showCoverageOnHover: false, zoomToBoundsOnClick: false, spiderfyOnMaxZoom: false,
      maxClusterRadius: 28, iconCreateFunction: clusterIcon,
    });
    const markers = events.features.map(eventMarker);
    cluster.addLayers(markers);
    const openCluster = (e) => {
      const bounds = e.layer.getBounds();
      const onePlace = bounds.getNorthEast().distanceTo(bounds.getSouthWest()) < 500;
      if (onePlace || view.getZoom() >= view.getMaxZoom()) {
        L.popup({ maxHeight: 260 }).setLatLng(e.layer.getLatLng()).setContent(eventList(e.layer.getAllChildMarkers())).openOn(view);
      } else {
        view.fitBounds(bounds, { padding: [30, 30] });
      }
    };
    cluster.on("clusterclick", openCluster);
    cluster.on("clusterkeypress", (e) => { if (e.originalEvent.key === "Enter") openCluster(e); });
    cluster.addTo(view);
    sizeLegend().addTo(view);
    if (markers.length) {
      view.fitBounds(cluster.getBounds(), { padding: [50, 50], maxZoom: 7 });
    } else {
      view.setView([25, 20], 2);
    }
    const unlocated = Number(events.skipped_without_coordinates || 0);
    const note = document.getElementById("map-note");
    if (note) {
      const cut = markers.length + unlocated >= MAP_EVENTS ? ` The map shows the first ${MAP_EVENTS} events: narrow the filter to see the rest.` : "";
      note.textContent = (unlocated
        ? `${unlocated} of ${markers.length + unlocated} events have no coordinates and are not on the map (they are in the table and the downloads).`
        : `All ${markers.length} events have coordinates.`) + cut;
    }
    container.dataset.markers = String(markers.length);
    container.dataset.unlocated = String(unlocated);
    return view;
  }

  // --- timeline: a true time axis, with a brush that sets the date filter --------------------------

  function parseDay(day) { return Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)); }
  function formatDay(ms) { return new Date(ms).toISOString().slice(0, 10); }

  function ticks(start, end) {
    const span = (end - start) / DAY;
    const found = [];
    const first = new Date(start);
    if (span > 3 * 366) {
      for (let y = first.getUTCFullYear() + 1; Date.UTC(y, 0, 1) <= end; y++) found.push([Date.UTC(y, 0, 1), String(y)]);
    } else if (span > 75) {
      const step = span > 730 ? 6 : span > 365 ? 3 : 1;
      for (let m = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1); m <= end;) {
        const d = new Date(m);
        if (d.getUTCMonth() % step === 0) found.push([m, formatDay(m).slice(0, 7)]);
        m = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
      }
    } else {
      const step = Math.max(1, Math.ceil(span / 8));
      for (let t = start; t <= end; t += step * DAY) found.push([t, formatDay(t).slice(5)]);
    }
    return found;
  }

  function brushTo(svg, since, until) {
    const base = svg.dataset.target || "/";
    const params = new URLSearchParams(base === "/" ? window.location.search : "");
    if (svg.dataset.actor) params.set("actor", svg.dataset.actor);
    params.set("since", since);
    params.set("until", until);
    params.delete("offset");
    window.location.href = "/?" + params.toString();
  }

  async function timeline(svg, filters) {
    const query = typeof filters === "string" ? filters : new URLSearchParams(filters).toString();
    const stats = await getJSON("/api/stats?" + query);
    const list = document.getElementById("type-legend");
    if (list) legend(list, stats);
    const days = Object.keys(stats.by_day).sort();
    const [, , width, height] = svg.getAttribute("viewBox").split(" ").map(Number);
    svg.setAttribute("data-days", String(days.length));
    if (!days.length) {
      el("text", { x: 10, y: height / 2, class: "empty" }, svg).textContent = "No dated events.";
      return;
    }
    const left = 34, right = width - 10, top = 10, bottom = height - 24;
    const params = new URLSearchParams(query);
    let start = parseDay(days[0]), end = parseDay(days[days.length - 1]);
    if (params.get("since")) start = Math.min(start, parseDay(params.get("since")));
    if (params.get("until")) end = Math.max(end, parseDay(params.get("until")));
    end += DAY; // the last day has its own width
    const x = (t) => left + ((t - start) / (end - start)) * (right - left);
    const dayWidth = (right - left) / ((end - start) / DAY);
    const barWidth = Math.max(2, Math.min(14, dayWidth - 1));
    const totals = days.map((d) => Object.values(stats.by_day[d]).reduce((a, b) => a + b, 0));
    const max = Math.max(...totals);
    svg.dataset.start = formatDay(start);
    svg.dataset.end = formatDay(end - DAY);
    el("line", { x1: left, x2: right, y1: bottom, y2: bottom, class: "axis-line" }, svg);
    for (const [t, label] of ticks(start, end)) {
      el("line", { x1: x(t), x2: x(t), y1: bottom, y2: bottom + 4, class: "axis-line" }, svg);
      el("text", { x: x(t), y: height - 6, class: "axis", "text-anchor": "middle" }, svg).textContent = label;
    }
    el("text", { x: left - 4, y: top + 8, class: "axis", "text-anchor": "end" }, svg).textContent = String(max);
    el("text", { x: left - 4, y: bottom, class: "axis", "text-anchor": "end" }, svg).textContent = "0";
    days.forEach((day) => {
      let y = bottom;
      const x0 = x(parseDay(day)) + Math.max(0, (dayWidth - barWidth) / 2);
      for (const [type, count] of Object.entries(stats.by_day[day])) {
        const h = ((bottom - top) * count) / max;
        y -= h;
        const bar = el("rect", { x: x0.toFixed(1), y: y.toFixed(1), width: barWidth.toFixed(1), height: h.toFixed(1),
          fill: COLOURS[type] || "#555", class: "bar", "data-day": day }, svg);
        el("title", {}, bar).textContent = `${day}: ${count} ${type}`;
      }
    });
    brush(svg, { left, right, top, bottom, start, end, x });
  }

  // Drag across the timeline to filter to those dates; a click picks one day.
  function brush(svg, scale) {
    const area = el("rect", { x: scale.left, y: scale.top, width: scale.right - scale.left, height: scale.bottom - scale.top,
      class: "brush-area" }, svg);
    const selection = el("rect", { x: 0, y: scale.top, width: 0, height: scale.bottom - scale.top, class: "brush" }, svg);
    const toTime = (clientX) => {
      const box = svg.getBoundingClientRect();
      const [, , width] = svg.getAttribute("viewBox").split(" ").map(Number);
      const px = ((clientX - box.left) / box.width) * width;
      const clamped = Math.min(scale.right, Math.max(scale.left, px));
      return scale.start + ((clamped - scale.left) / (scale.right - scale.left)) * (scale.end - scale.start);
    };
    let from = null;
    area.addEventListener("pointerdown", (e) => {
      from = toTime(e.clientX);
      area.setPointerCapture(e.pointerId);
    });
    area.addEventListener("pointermove", (e) => {
      if (from === null) return;
      const to = toTime(e.clientX);
      const a = scale.x(Math.min(from, to)), b = scale.x(Math.max(from, to));
      selection.setAttribute("x", a.toFixed(1));
      selection.setAttribute("width", (b - a).toFixed(1));
    });
    area.addEventListener("pointerup", (e) => {
      if (from === null) return;
      const to = toTime(e.clientX);
      const lo = Math.min(from, to), hi = Math.max(from, to);
      from = null;
      const first = Math.floor((lo - scale.start) / DAY) * DAY + scale.start;
      const last = Math.max(first, Math.ceil((hi - scale.start) / DAY) * DAY + scale.start - DAY);
      brushTo(svg, formatDay(first), formatDay(last));
    });
  }

  function legend(list, stats) {
    for (const [type, count] of Object.entries(stats.by_type)) {
      const item = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = COLOURS[type] || "#555";
      item.append(swatch, `${type} ${count}`);
      list.appendChild(item);
    }
  }

  function overview(query) {
    map(document.getElementById("map"), query).catch((error) => console.error(error));
    timeline(document.getElementById("timeline"), query).catch((error) => console.error(error));
  }

  return { overview, map, timeline, radius, COLOURS };
})();

// Start from the page's data attributes: no inline script, so the Content-Security-Policy can forbid them.
(() => {
  const overview = document.getElementById("overview");
  const timeline = document.getElementById("timeline");
  if (overview) {
    marsad.overview(overview.dataset.query || "");
  } else if (timeline && timeline.dataset.actor !== undefined) {
    marsad.timeline(timeline, { actor: timeline.dataset.actor }).catch((error) => console.error(error));
  }
})();
