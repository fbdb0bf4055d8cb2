// Link graph view: fetch the binary payload (whittle/linkgraph/arrays.py), draw it with cosmos (WebGL).
// A module runs once per page, so it attaches to every `.lg-view` htmx swaps in, now and later.
import { Graph } from "/static/vendor/cosmos.js";

const MAGIC = 0x31474c57; // "WLG1"
const HEADER_WORDS = 8;
const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
  "#9c755f", "#bab0ac", "#1f77b4", "#17becf", "#7f7f7f"];
const RAMP = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]]; // viridis stops
const NO_VALUE = [0.55, 0.55, 0.55, 0.5];
const views = new WeakMap();

function parse(buffer) {
  const header = new Uint32Array(buffer, 0, HEADER_WORDS);
  if (header[0] !== MAGIC) throw new Error("not a link graph payload");
  const n = header[2], m = header[3];
  let offset = HEADER_WORDS * 4;
  const take = (Type, count) => { const a = new Type(buffer, offset, count); offset += 4 * count; return a; };
  return { n, m, categorical: header[4] === 1, ids: take(Uint32Array, n), xy: take(Float32Array, 2 * n),
    colour: take(Float32Array, n), size: take(Float32Array, n), links: take(Uint32Array, 2 * m) };
}

function hexToRgba(hex) {
  const v = parseInt(hex.slice(1), 16);
  return [((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255, 1];
}

function ramp(t) {
  const x = Math.min(Math.max(t, 0), 1) * (RAMP.length - 1), i = Math.min(Math.floor(x), RAMP.length - 2), f = x - i;
  return RAMP[i].map((c, k) => (c + (RAMP[i + 1][k] - c) * f) / 255).concat([1]);
}

function colours(data, legend) {
  const out = new Float32Array(data.n * 4);
  const info = legend.colour;
  const low = info.min ?? 0, span = (info.max ?? 1) - low || 1;
  for (let i = 0; i < data.n; i++) {
    const v = data.colour[i];
    const rgba = Number.isNaN(v) ? NO_VALUE
      : data.categorical ? hexToRgba(PALETTE[Math.min(v, PALETTE.length - 1)]) : ramp((v - low) / span);
    out.set(rgba, i * 4);
  }
  return out;
}

function sizes(data, legend) {
  const out = new Float32Array(data.n);
  const low = legend.size.min ?? 0, span = (legend.size.max ?? 1) - low || 1;
  for (let i = 0; i < data.n; i++) {
    const v = data.size[i];
    out[i] = Number.isNaN(v) ? 2 : 2 + 10 * Math.sqrt(Math.max(0, (v - low) / span));
  }
  return out;
}

function drawLegend(element, legend) {
  const info = legend.colour;
  element.replaceChildren();
  const title = document.createElement("strong");
  title.textContent = `Colour: ${info.metric}`;
  element.append(title);
  if (info.kind === "category") {
    info.categories.forEach((name, i) => {
      const item = document.createElement("span");
      item.className = "lg-key";
      item.style.setProperty("--swatch", PALETTE[Math.min(i, PALETTE.length - 1)]);
      item.textContent = name; // textContent: names come from the user's URLs
      element.append(item);
    });
  } else {
    const bar = document.createElement("span");
    bar.className = "lg-ramp";
    bar.textContent = `${info.min ?? "—"} → ${info.max ?? "—"}`;
    element.append(bar);
  }
  const size = document.createElement("small");
  size.textContent = ` Size: ${legend.size.metric}`;
  element.append(size);
}

async function load(view) {
  const canvasBox = view.querySelector(".lg-canvas");
  const status = view.querySelector(".lg-status");
  const url = new URL(canvasBox.dataset.graph, location.origin);
  for (const control of view.querySelectorAll(".lg-control")) url.searchParams.set(control.name, control.value);
  const started = performance.now();
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) { status.textContent = await response.text(); return; }
  const legend = JSON.parse(response.headers.get("X-Linkgraph-Legend") || "{}");
  const data = parse(await response.arrayBuffer());
  let state = views.get(view);
  if (!state) {
    state = { graph: null, data: null, labels: new Map() };
    views.set(view, state);
  }
  state.data = data;
  if (!state.graph) state.graph = makeGraph(view, canvasBox, state);
  const graph = state.graph;
  graph.setPointPositions(data.xy);
  graph.setPointColors(colours(data, legend));
  graph.setPointSizes(sizes(data, legend));
  graph.setLinks(Float32Array.from(data.links));
  // The server's radial map (angle = section, radius = click depth) is drawn as it is; "Relax layout"
  // runs the force simulation on demand (on a million links it would take minutes).
  graph.render(0);
  graph.pause();
  setTimeout(() => graph.fitView(0), 50); // after the positions reached the GPU
  drawLegend(view.querySelector(".lg-legend"), legend);
  // Two frames later, read one pixel back: that waits until the GPU (software WebGL in a headless
  // browser) has really drawn the graph, so the time is to pixels on screen, not to a queued draw.
  requestAnimationFrame(() => requestAnimationFrame(() => {
    const canvas = canvasBox.querySelector("canvas");
    const gl = canvas && (canvas.getContext("webgl2") || canvas.getContext("webgl"));
    if (gl) gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
    const ms = Math.round(performance.now() - started);
    view.dataset.drawn = String(data.n);
    view.dataset.firstFrameMs = String(ms);
    status.textContent = `${data.n.toLocaleString()} pages, ${data.m.toLocaleString()} links drawn in ${ms} ms. ` +
      "Scroll to zoom, drag to pan, hover a point for its URL, click it for details.";
  }));
}

function makeGraph(view, box, state) {
  const tooltip = view.querySelector(".lg-tooltip");
  const details = document.querySelector(box.dataset.details);
  const graph = new Graph(box, {
    backgroundColor: "#101418", spaceSize: 4096, pointSize: 4, linkWidth: 1, linkColor: "#51606e",
    linkVisibilityDistanceRange: [50, 4096], linkVisibilityMinTransparency: 0.25, scalePointsOnZoom: false, linkArrows: false, curvedLinks: false, fitViewOnInit: true,
    renderHoveredPointRing: true, hoveredPointRingColor: "#ffffff", simulationDecay: 1500, attribution: "",
    onPointMouseOver: (index, position, event) => hover(state, box, tooltip, index, event),
    onPointMouseOut: () => { tooltip.hidden = true; },
    onSimulationEnd: () => graph.fitView(300),
    onClick: (index) => {
      if (index === undefined || !state.data) return;
      const id = state.data.ids[index];
      view.dataset.selected = String(id);
      htmx.ajax("GET", `${box.dataset.nodes}${id}`, { target: details, swap: "innerHTML" });
    },
  });
  view.querySelectorAll(".lg-control").forEach((c) => c.addEventListener("change", () => load(view)));
  view.querySelector(".lg-fit")?.addEventListener("click", () => graph.fitView(250));
  view.querySelector(".lg-relax")?.addEventListener("click", () => graph.start(0.6));
  window.whittleLinkgraph = { graph, state, view }; // for tests and the console
  return graph;
}

async function hover(state, box, tooltip, index, event) {
  if (!state.data) return;
  const id = state.data.ids[index];
  if (!state.labels.has(id)) {
    const response = await fetch(`${box.dataset.nodes}${id}?brief=1`, { credentials: "same-origin" });
    state.labels.set(id, response.ok ? await response.text() : `page ${id}`);
  }
  tooltip.textContent = state.labels.get(id);
  const rect = box.getBoundingClientRect();
  if (event && "clientX" in event) {
    tooltip.style.left = `${event.clientX - rect.left + 12}px`;
    tooltip.style.top = `${event.clientY - rect.top + 12}px`;
  }
  tooltip.hidden = false;
}

function attach(root) {
  const found = root.matches?.(".lg-view") ? [root] : [...(root.querySelectorAll?.(".lg-view") ?? [])];
  for (const view of found) {
    if (view.dataset.attached) continue;
    view.dataset.attached = "1";
    load(view).catch((error) => { view.querySelector(".lg-status").textContent = `Could not draw: ${error.message}`; });
  }
}

attach(document.body);
htmx.onLoad(attach);
