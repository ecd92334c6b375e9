// lagebild's page: plain JavaScript, no libraries. It reads the JSON API of the same app and draws with SVG.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const BLOC_COLOURS = ["#1f77b4", "#ff7f0e", "#9467bd", "#8c564b", "#17becf", "#e377c2", "#7f7f7f", "#bcbd22"];  // no red or green: those are the edges
const QUAD_COLOURS = {
  verbal_cooperation: "#8fd18f", material_cooperation: "#2e8b57",
  verbal_conflict: "#f4a582", material_conflict: "#b2182b",
};
const state = { types: {}, selected: [], page: 0, filter: null, network: null };
const MAX_EDGES = 300;  // the strongest relations drawn; a year of a large store has thousands

// -- helpers ----------------------------------------------------------------------------------------

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.setAttribute("class", value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value !== null && value !== undefined) node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

async function api(path, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== "" && v != null));
  const response = await fetch(path + (query.toString() ? "?" + query : ""));
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new Error(typeof body.detail === "string" ? body.detail : response.statusText);
  }
  return response.json();
}

function showError(where, error) {
  where.replaceChildren(el("p", { class: "conf" }, String(error.message || error)));
}

const windowParams = () => ({ since: $("since").value.trim(), until: $("until").value.trim() });
const tone = (type) => ((state.types[type] || "").includes("cooperation") ? "coop" : "conf");
const sides = (list) => list.map((a) => a.key).filter((k, i, all) => all.indexOf(k) === i).join(", ") || "–";

// -- network ----------------------------------------------------------------------------------------

async function loadNetwork() {
  const svg = $("network");
  svg.replaceChildren();
  $("network-info").textContent = "loading…";
  try {
    const net = await api("/api/network", windowParams());
    state.network = net;
    drawNetwork(net);
    fillActorSelects(net);
    $("network-info").textContent = `${net.nodes.length} actors, ${net.edges.length} relations` +
      (net.edges.length > MAX_EDGES ? ` (strongest ${MAX_EDGES} drawn)` : "") + `, ${net.blocs.length} blocs`;
  } catch (error) {
    $("network-info").textContent = "";
    showError($("blocs"), error);
  }
}

function drawNetwork(net) {
  const svg = $("network");
  const pos = Object.fromEntries(net.nodes.map((n) => [n.id, n]));
  const heaviest = Math.max(1, ...net.edges.map((e) => Math.abs(e.weight)));
  const most = Math.max(1, ...net.nodes.map((n) => n.events));
  const scale = Math.min(1, 18 / Math.sqrt(net.nodes.length + 1));
  const strongest = [...net.edges].sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight)).slice(0, MAX_EDGES);
  for (const e of strongest.reverse()) {
    const a = pos[e.a], b = pos[e.b];
    svg.append(el("svg:line", {
      class: "edge", x1: a.x, y1: a.y, x2: b.x, y2: b.y, "data-a": e.a, "data-b": e.b,
      stroke: e.weight > 0 ? "#2e8b57" : "#b2182b", "stroke-width": 0.004 + 0.03 * Math.abs(e.weight) / heaviest,
      onclick: () => { select([e.a, e.b]); loadDyad(e.a, e.b); },
    }, el("svg:title", {}, `${e.a}–${e.b}: ${e.events} events, score ${fmt(e.score)}`)));
  }
  for (const n of net.nodes) {
    const r = (0.025 + 0.07 * Math.sqrt(n.events / most)) * scale;
    svg.append(el("svg:circle", {
      class: "node", cx: n.x, cy: n.y, r, "data-actor": n.id, fill: BLOC_COLOURS[n.bloc % BLOC_COLOURS.length],
      onclick: () => clickActor(n.id),
    }, el("svg:title", {}, `${n.id}: bloc ${n.bloc}, ${n.events} events`)));
    svg.append(el("svg:text", { x: n.x, y: n.y }, n.id));
  }
  $("blocs").replaceChildren(...net.blocs.map((members, i) => el("li", {},
    el("span", { class: "swatch", style: `background:${BLOC_COLOURS[i % BLOC_COLOURS.length]}` }),
    members.slice(0, 20).join(", ") + (members.length > 20 ? ` … (+${members.length - 20})` : ""))));
}

function fillActorSelects(net) {
  const names = net.nodes.map((n) => n.id).sort();
  for (const [id, pick] of [["dyad-a", 0], ["dyad-b", 1]]) {
    const select = $(id);
    const keep = select.value;
    select.replaceChildren(...names.map((name) => el("option", { value: name }, name)));
    select.value = names.includes(keep) ? keep : (names[pick] || "");
  }
}

function select(actors) {
  state.selected = actors;
  for (const node of document.querySelectorAll("#network .node")) {
    node.classList.toggle("selected", actors.includes(node.dataset.actor));
  }
  if (actors[0]) $("dyad-a").value = actors[0];
  if (actors[1]) $("dyad-b").value = actors[1];
}

function clickActor(actor) {
  const chosen = state.selected.length === 1 && state.selected[0] !== actor ? [state.selected[0], actor] : [actor];
  select(chosen);
  if (chosen.length === 2) loadDyad(chosen[0], chosen[1]);
}

// -- dyad -------------------------------------------------------------------------------------------

async function loadDyad(a, b) {
  const panel = $("dyad-panel");
  panel.hidden = false;
  $("dyad-title").textContent = `${a} – ${b}`;
  $("dyad-info").textContent = "loading…";
  try {
    const trend = await api(`/api/dyad/${encodeURIComponent(a)}/${encodeURIComponent(b)}`,
      { by: $("dyad-by").value, ...windowParams() });
    $("dyad-info").textContent = `${trend.count} events, score ${fmt(trend.score)} ` +
      `(${Object.entries(trend.quads).map(([q, n]) => `${q.replace("_", " ")} ${n}`).join(", ")})`;
    drawTimeline(trend);
    const ids = trend.points.flatMap((p) => p.events);
    await listDyadEvents(ids, "all periods");
    panel.scrollIntoView({ behavior: "smooth", block: "start" });
  } catch (error) {
    showError($("dyad-events"), error);
    $("dyad-info").textContent = "";
  }
}

function drawTimeline(trend) {
  const svg = $("timeline");
  svg.replaceChildren();
  const width = svg.clientWidth || 600, height = 260, left = 34, bottom = 40, top = 8;
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const points = trend.points;
  if (!points.length) { svg.append(el("svg:text", { x: 10, y: 20 }, "no events")); return; }
  const slot = (width - left - 8) / points.length;
  const barsHeight = (height - bottom - top) * 0.6, scoreTop = top + barsHeight + 10;
  const scoreHeight = height - bottom - scoreTop;
  const most = Math.max(1, ...points.map((p) => Object.values(p.quads).reduce((s, n) => s + n, 0)));
  const scoreY = (s) => scoreTop + scoreHeight / 2 - (s / 10) * (scoreHeight / 2);
  svg.append(el("svg:line", { x1: left, x2: width - 8, y1: scoreY(0), y2: scoreY(0), stroke: "#aaa" }));
  svg.append(el("svg:text", { x: 2, y: top + 10 }, String(most)));
  svg.append(el("svg:text", { x: 2, y: scoreY(10) + 4 }, "+10"), el("svg:text", { x: 2, y: scoreY(-10) }, "−10"));
  points.forEach((p, i) => {
    const x = left + i * slot;
    let y = top + barsHeight;
    for (const [quad, n] of Object.entries(p.quads)) {
      if (!n) continue;
      const h = (n / most) * barsHeight;
      y -= h;
      svg.append(el("svg:rect", {
        class: "bar", x: x + slot * 0.1, y, width: Math.max(1, slot * 0.8), height: h, fill: QUAD_COLOURS[quad],
        "data-period": p.period, onclick: () => listDyadEvents(p.events, p.period),
      }, el("svg:title", {}, `${p.period}: ${n} ${quad.replace("_", " ")}`)));
    }
    if (p.score !== null) {
      svg.append(el("svg:circle", { cx: x + slot / 2, cy: scoreY(p.score), r: 3.5,
        fill: p.score >= 0 ? "#2e8b57" : "#b2182b" }, el("svg:title", {}, `${p.period}: score ${fmt(p.score)}`)));
    }
    if (points.length <= 24 || i % Math.ceil(points.length / 24) === 0) {
      svg.append(el("svg:text", { x: x + slot / 2, y: height - bottom + 12, "text-anchor": "middle" }, p.period));
    }
  });
}

async function listDyadEvents(ids, label) {
  const body = $("dyad-events");
  $("dyad-events-title").textContent = `Events (${label}: ${ids.length}${ids.length > 200 ? ", latest 200 shown" : ""})`;
  if (!ids.length) { body.replaceChildren(); return; }
  const page = await api("/api/events", { ids: ids.slice(-200).join(","), limit: 200 });
  body.replaceChildren(...page.events.map(eventRow));
}

// -- event list -------------------------------------------------------------------------------------

function eventRow(e) {
  const flags = [e.negated && "negated", e.hypothetical && "hypothetical", e.historical && "historical"].filter(Boolean);
  return el("tr", { "data-event-id": e.id, onclick: (ev) => openEvidence(e.id, ev.currentTarget) },
    el("td", {}, e.day || "–"),
    el("td", { class: `type ${tone(e.type)}` }, e.type + (e.mode ? "/" + e.mode : "")),
    el("td", {}, `${sides(e.actors)} → ${sides(e.recipients)}`, ...flags.map((f) => el("span", { class: "flag" }, f))),
    el("td", { class: "muted" }, e.evidence.text.length > 120 ? e.evidence.text.slice(0, 117) + "…" : e.evidence.text));
}

async function loadEvents(more = false) {
  state.page = more ? state.page + 1 : 0;
  const form = new FormData($("event-filter"));
  const params = { ...Object.fromEntries(form.entries()), limit: 50, offset: state.page * 50 };
  try {
    const page = await api("/api/events", params);
    const rows = page.events.map(eventRow);
    if (more) $("event-list").append(...rows); else $("event-list").replaceChildren(...rows);
    $("more").hidden = !page.more;
  } catch (error) {
    showError($("event-list"), error);
  }
}

// -- evidence ---------------------------------------------------------------------------------------

async function openEvidence(id, row) {
  for (const active of document.querySelectorAll("tr.active")) active.classList.remove("active");
  if (row) row.classList.add("active");
  const panel = $("evidence-panel");
  panel.hidden = false;
  try {
    const e = await api(`/api/events/${id}`);
    const doc = await api(`/api/documents/${encodeURIComponent(e.document.doc_id)}`);
    showEvidence(e, doc);
    history.replaceState(null, "", `#event-${id}`);
    panel.scrollIntoView({ behavior: "smooth", block: "start" });
  } catch (error) {
    showError($("evidence-meta"), error);
  }
}

function showEvidence(e, doc) {
  const flags = [e.negated && "negated", e.hypothetical && "hypothetical", e.historical && "historical"].filter(Boolean);
  $("evidence-title").textContent = `${e.type}${e.mode ? "/" + e.mode : ""}: ${sides(e.actors)} → ${sides(e.recipients)}`;
  $("evidence-title").className = tone(e.type);
  $("evidence-meta").replaceChildren(
    `date ${e.date || "–"}${e.date ? "" : ` (article: ${e.document.published || "unknown"})`}`,
    ...flags.map((f) => el("span", { class: "flag" }, f)),
    e.reported_by || e.reported_by_text ? ` · per ${e.reported_by || e.reported_by_text}` : "",
    ` · confidence ${e.confidence}`);
  $("evidence-sentence").textContent = e.evidence.text;
  $("evidence-sentence").dataset.eventId = e.id;
  $("evidence-why").replaceChildren(...e.why.map((w) => el("li", {}, w)));
  $("sources").replaceChildren(...e.sources.map(sourceItem));
  $("article-meta").textContent = [doc.title, doc.source, doc.published, doc.lang].filter(Boolean).join(" · ");
  $("article").replaceChildren(...highlight(doc.text, e));
  const mark = $("article").querySelector("mark.evidence");
  if (mark) $("article").scrollTop = Math.max(0, mark.offsetTop - $("article").offsetTop - 40);
}

function sourceItem(s) {
  const link = (text, url) => (url ? el("a", { href: url, target: "_blank", rel: "noopener" }, text) : text);
  if (s.kind === "article") return el("li", {}, "article: ", link(s.title || s.doc_id, s.url), ` (${s.source || "unknown outlet"}, ${s.published || "undated"})`);
  if (s.kind === "attribution") return el("li", {}, `cited source: ${s.name || ""} ${s.text ? "“" + s.text + "”" : ""}`);
  if (s.kind === "copy") return el("li", {}, `stored copy (${s.match} duplicate): `, link(s.title || s.origin, s.url));
  const flags = [s.negated && "negated", s.hypothetical && "hypothetical"].filter(Boolean).join(", ");
  return el("li", {}, "also reported: ", el("a", { href: `#event-${s.event_id}`, onclick: (ev) => { ev.preventDefault(); openEvidence(s.event_id); } },
    s.title || s.doc_id), ` (${s.source || s.doc_id}${flags ? "; " + flags : ""})`);
}

// The article with the evidence sentence marked, its trigger and actor words underlined. Offsets count
// Unicode code points (Python's), so the text is split into code points first.
function highlight(text, e) {
  const chars = Array.from(text);
  const cut = (a, b) => chars.slice(a, b).join("");
  const spans = [[e.trigger.start, e.trigger.end, "trigger"],
    ...[...e.actors, ...e.recipients].map((a) => [a.start, a.end, "actor-span"])]
    .filter(([a, b]) => a >= e.evidence.start && b <= e.evidence.end && a < b)
    .sort((x, y) => x[0] - y[0]);
  const mark = el("mark", { class: "evidence" });
  let at = e.evidence.start;
  for (const [a, b, cls] of spans) {
    if (a < at) continue;
    mark.append(cut(at, a), el("span", { class: cls }, cut(a, b)));
    at = b;
  }
  mark.append(cut(at, e.evidence.end));
  return [cut(0, e.evidence.start), mark, cut(e.evidence.end, chars.length)];
}

function fmt(score) {
  return score === null || score === undefined ? "–" : (score > 0 ? "+" : "") + Number(score).toFixed(2);
}

// -- start ------------------------------------------------------------------------------------------

async function start() {
  try {
    const summary = await api("/api/summary");
    state.types = summary.types;
    $("summary").textContent = `${summary.documents} articles, ${summary.events} events` +
      (summary.first_day ? `, ${summary.first_day} – ${summary.last_day}` : "");
    $("f-type").append(...Object.keys(summary.types).map((t) => el("option", { value: t }, t)));
    if (summary.last_day && !$("since").value) {
      const last = new Date(summary.last_day);
      const yearBefore = new Date(last.getTime() - 365 * 86400000).toISOString().slice(0, 10);
      $("since").value = summary.first_day > yearBefore ? summary.first_day : yearBefore;
      $("until").value = summary.last_day;
    }
  } catch (error) {
    $("summary").textContent = String(error.message || error);
  }
  $("window-form").addEventListener("submit", (ev) => { ev.preventDefault(); loadNetwork(); });
  $("dyad-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    select([$("dyad-a").value, $("dyad-b").value]);
    loadDyad($("dyad-a").value, $("dyad-b").value);
  });
  $("event-filter").addEventListener("submit", (ev) => { ev.preventDefault(); loadEvents(); });
  $("more").addEventListener("click", () => loadEvents(true));
  await Promise.all([loadNetwork(), loadEvents()]);
  const linked = /^#event-(\d+)$/.exec(location.hash);
  if (linked) openEvidence(Number(linked[1]));
  document.body.dataset.ready = "1";
}

start();
