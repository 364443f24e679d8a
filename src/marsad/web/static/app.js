// marsad overview: an SVG map and a timeline, drawn from this server's own API and files only.
"use strict";
const marsad = (() => {
  const SVG = "http://www.w3.org/2000/svg";
  const COLOURS = {
    ASSAULT: "#c0392b", COERCE: "#8e44ad", PROTEST: "#e67e22", MOBILIZE: "#7f8c8d", SANCTION: "#2c3e50",
    THREATEN: "#d35400", REJECT: "#95a5a6", ACCUSE: "#b7950b", REQUEST: "#16a085", RETREAT: "#27ae60",
    AID: "#2ecc71", COOPERATE: "#1abc9c", CONCEDE: "#3498db", SUPPORT: "#2980b9", CONSULT: "#2471a3",
    AGREE: "#1e8449",
  };
  // The region shown: Middle East and North Africa (lon/lat box), equirectangular projection.
  const BOX = { west: -12, east: 64, south: 10, north: 43 };

  function el(name, attrs, parent) {
    const node = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    if (parent) parent.appendChild(node);
    return node;
  }

  function projector(svg) {
    const [, , width, height] = svg.getAttribute("viewBox").split(" ").map(Number);
    const sx = width / (BOX.east - BOX.west), sy = height / (BOX.north - BOX.south);
    const scale = Math.min(sx, sy);
    return ([lon, lat]) => [(lon - BOX.west) * scale, (BOX.north - lat) * scale];
  }

  function ringPath(ring, project) {
    return ring.map((point, i) => (i ? "L" : "M") + project(point).map((v) => v.toFixed(1)).join(",")).join("") + "Z";
  }

  function drawCountries(svg, geojson, project) {
    const group = el("g", { class: "countries" }, svg);
    for (const feature of geojson.features) {
      const d = feature.geometry.coordinates.map((polygon) => polygon.map((ring) => ringPath(ring, project)).join("")).join("");
      const path = el("path", { d, class: "country" }, group);
      el("title", {}, path).textContent = feature.properties.name;
    }
  }

  function drawEvents(svg, geojson, project) {
    const group = el("g", { class: "markers" }, svg);
    const features = geojson.features.slice().sort((a, b) => (b.properties.fatalities_best || 0) - (a.properties.fatalities_best || 0));
    for (const feature of features) {
      const p = feature.properties;
      const [x, y] = project(feature.geometry.coordinates);
      const r = 3 + 2.5 * Math.sqrt(p.fatalities_best || 0);
      const exact = Number(p.geo_precision) === 1;
      const colour = COLOURS[p.plover_type] || "#555";
      const circle = el("circle", {
        cx: x.toFixed(1), cy: y.toFixed(1), r: r.toFixed(1), class: "marker " + (exact ? "exact" : "approximate"),
        fill: exact ? colour : "none", stroke: colour, "data-id": p.id,
      }, group);
      el("title", {}, circle).textContent = `${p.plover_type} · ${p.location || ""} · ${p.date || "date unknown"}` +
        (p.fatalities_best ? ` · ${p.fatalities_best} killed` : "") + (exact ? "" : " (approximate place)");
      circle.addEventListener("click", () => { window.location.href = "/events/" + encodeURIComponent(p.id); });
    }
    return features.length;
  }

  async function getJSON(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.json();
  }

  async function map(svg, query) {
    const project = projector(svg);
    const [countries, events] = await Promise.all([
      getJSON("/static/countries.geojson"),
      getJSON("/api/events.geojson?" + query + (query ? "&" : "") + "limit=1000"),
    ]);
    drawCountries(svg, countries, project);
    const shown = drawEvents(svg, events, project);
    svg.setAttribute("data-markers", String(shown));
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
    const max = Math.max(...days.map((d) => Object.values(stats.by_day[d]).reduce((a, b) => a + b, 0)));
    const barWidth = Math.max(2, Math.min(40, (width - 20) / days.length - 2));
    days.forEach((day, i) => {
      let y = height - 20;
      for (const [type, count] of Object.entries(stats.by_day[day])) {
        const h = ((height - 40) * count) / max;
        y -= h;
        const bar = el("rect", { x: 10 + i * (barWidth + 2), y: y.toFixed(1), width: barWidth, height: h.toFixed(1),
          fill: COLOURS[type] || "#555", class: "bar" }, svg);
        el("title", {}, bar).textContent = `${day}: ${count} ${type}`;
      }
    });
    el("text", { x: 10, y: height - 4, class: "axis" }, svg).textContent = days[0];
    el("text", { x: width - 10, y: height - 4, class: "axis", "text-anchor": "end" }, svg).textContent = days[days.length - 1];
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

  return { overview, map, timeline, COLOURS };
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
