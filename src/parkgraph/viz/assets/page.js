/* parkgraph network page: legend and class filter, source filter, parks that expand,
 * search, side panel with charts of a park's numbers, language switch.
 *
 * What is drawn (the browser tests count it independently, with SPARQL): in the "all" view
 * every node; in the "hubs" view the parks and strategies, plus, for each expanded park,
 * every node within two links of it (either direction), the path not passing through
 * another park, and never an observation or a source document: those are summarised in the
 * panel and offered in the source selector. Then the filters: a node of an unticked class is
 * not drawn, nor, when a source is chosen, one not derived from it (prov:wasDerivedFrom).
 * An edge is drawn when both its ends are.
 *
 * Everything shown here comes from the JSON in #pg-data and is put into the page with
 * textContent / DOM properties only, never innerHTML: text from the data is never markup.
 * vis-network draws labels on a canvas; the charts are SVG built element by element.
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("pg-data").textContent);
  var UI = {
    zh: {
      search: "搜索节点(中文或英文)…", legend: "图例", noMatch: "没有匹配的节点",
      cls: "类别", zhName: "中文名", enName: "英文名", alt: "别名", iri: "IRI",
      numbers: "数值", indicator: "指标", value: "数值", period: "时期", status: "状态",
      comparator: "比较", evidence: "原文证据", source: "来源", props: "属性",
      links: "关系", close: "关闭", loading: "正在布局…", empty: "没有可绘制的节点",
      showClass: "勾选以显示该类", allSources: "全部来源", parks: "园区",
      expandAll: "全部展开", collapseAll: "全部收起", expand: "展开或收起(回车)", nums: "个数值",
      shown: function (a, b, c, d) { return "显示 " + a + "/" + b + " 个节点、" + c + "/" + d + " 条边"; },
      noIndicator: "(未标明指标)", actual: "实际值", target: "目标值",
      unitWord: "单位", onlySource: "仅显示来源:"
    },
    en: {
      search: "Search nodes (Chinese or English)…", legend: "Legend", noMatch: "No matching node",
      cls: "Class", zhName: "Chinese", enName: "English", alt: "Also called", iri: "IRI",
      numbers: "Numbers", indicator: "Indicator", value: "Value", period: "Period", status: "Status",
      comparator: "Comparator", evidence: "Evidence", source: "Source", props: "Properties",
      links: "Links", close: "Close", loading: "Laying out…", empty: "Nothing to draw",
      showClass: "Tick to show this class", allSources: "All sources", parks: "Parks",
      expandAll: "Expand all", collapseAll: "Collapse all", expand: "Expand or collapse (Enter)",
      nums: "numbers",
      shown: function (a, b, c, d) { return "showing " + a + "/" + b + " nodes, " + c + "/" + d + " edges"; },
      noIndicator: "(indicator not named)", actual: "actual", target: "target",
      unitWord: "Unit", onlySource: "Only from the source: "
    }
  };
  var lang = DATA.lang === "en" ? "en" : "zh";
  var HUBS = DATA.view === "hubs";
  var current = null; // id of the node in the panel
  var hiddenClasses = {}; // class index -> true when unticked
  var sourceFilter = -1; // index into DATA.sources; -1 for every source
  var expanded = {}; // park id -> true
  var pinned = {}; // nodes drawn because the search or a link in the panel asked for them
  var SVG = "http://www.w3.org/2000/svg";

  function $(id) { return document.getElementById(id); }
  function t(key) { return UI[lang][key]; }
  function pick(labels) {
    // labels: {zh, en}; the chosen language, falling back to the other one
    if (!labels) { return ""; }
    return (lang === "en" ? (labels.en || labels.zh) : (labels.zh || labels.en)) || "";
  }
  function shorten(text) {
    // Canvas labels are cut at about 30 columns (a CJK character counts as two); the panel
    // shows the whole label.
    var width = 0, max = 30;
    for (var i = 0; i < text.length; i++) {
      width += text.charCodeAt(i) > 0x2E7F ? 2 : 1;
      if (width > max) { return text.slice(0, i) + "…"; }
    }
    return text;
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  var nodesById = {};
  DATA.nodes.forEach(function (n) { nodesById[n.id] = n; });
  var outEdges = {}, inEdges = {}, around = {};
  DATA.edges.forEach(function (e, i) {
    (outEdges[e[0]] = outEdges[e[0]] || []).push(i);
    (inEdges[e[1]] = inEdges[e[1]] || []).push(i);
    (around[e[0]] = around[e[0]] || []).push(e[1]);
    (around[e[1]] = around[e[1]] || []).push(e[0]);
  });
  var parkIds = DATA.nodes.filter(function (n) { return n.r === "park"; }).map(function (n) { return n.id; });
  function nodeLabel(n) { return pick(n); }
  function propLabel(i) { return pick(DATA.props[i]); }
  function classOf(n) { return DATA.classes[n.c]; }
  function summarised(n) { return HUBS && (n.r === "observation" || n.r === "source"); }

  // ---- what is drawn: the view, then the filters ----------------------------------------
  function neighbourhood(park, into) {
    var seen = {}, frontier = [park];
    seen[park] = true;
    into[park] = true;
    for (var depth = 0; depth < 2; depth++) {
      var next = [];
      frontier.forEach(function (id) {
        if (id !== park && nodesById[id].r === "park") { return; } // not through another park
        (around[id] || []).forEach(function (o) {
          if (seen[o] || summarised(nodesById[o])) { return; }
          seen[o] = true;
          into[o] = true;
          next.push(o);
        });
      });
      frontier = next;
    }
  }
  function inView() {
    var shown = {};
    DATA.nodes.forEach(function (n) {
      if (!HUBS || n.r === "park" || n.r === "strategy" || pinned[n.id]) { shown[n.id] = true; }
    });
    Object.keys(expanded).forEach(function (id) { neighbourhood(Number(id), shown); });
    return shown;
  }
  function passes(n) {
    return !hiddenClasses[n.c] && (sourceFilter < 0 || (n.s || []).indexOf(sourceFilter) >= 0);
  }
  function wanted() {
    var view = inView(), ids = {}, edgeIds = [];
    DATA.nodes.forEach(function (n) { if (view[n.id] && passes(n)) { ids[n.id] = true; } });
    DATA.edges.forEach(function (e, i) { if (ids[e[0]] && ids[e[1]]) { edgeIds.push(i); } });
    return { nodes: ids, edges: edgeIds };
  }

  // ---- the network --------------------------------------------------------------------
  var lastPos = {}; // where a node was when a filter took it away, so it comes back there
  function visNode(n) {
    var c = classOf(n);
    var node = {
      id: n.id, label: shorten(nodeLabel(n)), shape: c.shape, size: c.size,
      color: { background: c.color, border: c.color, highlight: { background: c.color, border: "#111" } }
    };
    if (HUBS && n.r === "park") {
      // A closed park wears a thick dark ring: there is more inside.
      node.borderWidth = expanded[n.id] ? 1 : 4;
      node.color.border = "#1f2933";
    }
    var at = n.x !== undefined ? n : lastPos[n.id];
    if (at) { node.x = at.x; node.y = at.y; }
    return node;
  }
  function visEdge(i) {
    var e = DATA.edges[i];
    return { id: i, from: e[0], to: e[1], label: propLabel(e[2]) };
  }
  var first = wanted();
  var nodes = new vis.DataSet(DATA.nodes.filter(function (n) { return first.nodes[n.id]; }).map(visNode));
  var edges = new vis.DataSet(first.edges.map(visEdge));
  var container = $("pg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, DATA.options);

  function applyView() {
    var want = wanted();
    var gone = nodes.getIds().filter(function (id) { return !want.nodes[id]; });
    if (gone.length) {
      var pos = network.getPositions(gone);
      Object.keys(pos).forEach(function (id) { lastPos[id] = pos[id]; });
    }
    var keep = {};
    want.edges.forEach(function (i) { keep[i] = true; });
    edges.remove(edges.getIds().filter(function (i) { return !keep[i]; }));
    nodes.remove(gone);
    nodes.add(DATA.nodes.filter(function (n) { return want.nodes[n.id] && !nodes.get(n.id); }).map(visNode));
    edges.add(want.edges.filter(function (i) { return !edges.get(i); }).map(visEdge));
    if (HUBS) {
      nodes.update(parkIds.filter(function (id) { return want.nodes[id]; }).map(function (id) {
        return { id: id, borderWidth: expanded[id] ? 1 : 4 };
      }));
    }
    renderCounts();
    renderLegend();
    renderParks();
    if (current !== null) { renderPanel(current); }
  }

  function toggleExpand(id, open) {
    if (!HUBS || nodesById[id].r !== "park") { return; }
    if (open === undefined ? !expanded[id] : open) { expanded[id] = true; } else { delete expanded[id]; }
    applyView();
  }
  function allExpanded() { return parkIds.length > 0 && parkIds.every(function (id) { return expanded[id]; }); }
  function expandAll(open) {
    var now = open === undefined ? !allExpanded() : open;
    expanded = {};
    if (now) { parkIds.forEach(function (id) { expanded[id] = true; }); }
    applyView();
  }
  function setSource(i) {
    sourceFilter = i >= 0 && i < DATA.sources.length ? i : -1;
    $("pg-source").value = String(sourceFilter);
    applyView();
  }
  function setClass(i, on) {
    if (on) { delete hiddenClasses[i]; } else { hiddenClasses[i] = true; }
    applyView();
  }

  var api = {
    network: network, nodes: nodes, edges: edges, data: DATA,
    ready: false, readyAt: null, how: null,
    setLang: setLang, showNode: showNode, focusNode: focusNode,
    expand: toggleExpand, expandAll: expandAll, setSource: setSource, setClass: setClass,
    expanded: function () { return Object.keys(expanded).map(Number); },
    lang: function () { return lang; }
  };
  window.parkgraph = api;

  function markReady(how) {
    if (api.ready) { return; }
    api.ready = true;
    api.how = how;
    api.readyAt = performance.now();
    $("pg-loading").hidden = true;
    document.body.setAttribute("data-ready", how);
  }
  if (DATA.nodes.length === 0) {
    $("pg-loading").textContent = t("empty");
    markReady("empty");
    $("pg-loading").hidden = false;
  } else if (DATA.physics) {
    network.on("stabilizationProgress", function (p) {
      $("pg-loading").textContent = t("loading") + " " + Math.round(100 * p.iterations / p.total) + "%";
    });
    // Settle once, then stop: no endless jiggling, and dragging a node moves only that node.
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.once("afterDrawing", function () { markReady("stabilized"); });
      network.redraw();
    });
  } else {
    network.once("afterDrawing", function () { markReady("drawn"); });
  }

  network.on("click", function (params) {
    if (params.nodes.length) {
      var id = params.nodes[0];
      showNode(id);
      toggleExpand(id); // a park opens on one click and closes on the next
    } else if (!params.edges.length) { hidePanel(); }
  });

  // ---- header, caption, legend, parks -------------------------------------------------
  function renderTexts() {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    $("pg-title").textContent = pick(DATA.title);
    document.title = pick(DATA.title);
    $("pg-caption").textContent = pick(DATA.caption);
    var notice = $("pg-notice");
    if (DATA.notice) { notice.textContent = pick(DATA.notice); notice.hidden = false; }
    $("pg-search").placeholder = t("search");
    $("pg-loading").textContent = DATA.nodes.length ? t("loading") : t("empty");
    Array.prototype.forEach.call(document.querySelectorAll("#pg-lang button"), function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-lang") === lang));
    });
    var select = $("pg-source");
    clear(select);
    select.hidden = DATA.sources.length === 0;
    var all = el("option", null, t("allSources"));
    all.value = "-1";
    select.appendChild(all);
    DATA.sources.forEach(function (s, i) {
      var o = el("option", null, pick(s));
      o.value = String(i);
      select.appendChild(o);
    });
    select.value = String(sourceFilter);
    renderCounts();
  }

  function renderCounts() {
    var b = $("pg-expand-all");
    b.hidden = !HUBS || parkIds.length === 0;
    b.textContent = allExpanded() ? t("collapseAll") : t("expandAll");
    b.setAttribute("aria-pressed", String(allExpanded()));
    var line = $("pg-counts");
    if (!line) {
      line = el("span");
      line.id = "pg-counts";
      $("pg-caption").appendChild(line);
    }
    line.textContent = " · " + t("shown")(nodes.length, DATA.nodes.length, edges.length, DATA.edges.length);
  }

  function swatch(c) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 20 20");
    svg.setAttribute("class", "pg-swatch");
    var shape;
    var pts = {
      star: "10,1 12.6,7 19,7.4 14,11.6 15.6,18 10,14.5 4.4,18 6,11.6 1,7.4 7.4,7",
      diamond: "10,1 19,10 10,19 1,10", triangle: "10,2 19,18 1,18", triangleDown: "1,2 19,2 10,18",
      hexagon: "5,2 15,2 19.5,10 15,18 5,18 0.5,10"
    };
    if (pts[c.shape]) {
      shape = document.createElementNS(SVG, "polygon");
      shape.setAttribute("points", pts[c.shape]);
    } else if (c.shape === "square") {
      shape = document.createElementNS(SVG, "rect");
      shape.setAttribute("x", "3"); shape.setAttribute("y", "3");
      shape.setAttribute("width", "14"); shape.setAttribute("height", "14");
    } else {
      shape = document.createElementNS(SVG, "circle");
      shape.setAttribute("cx", "10"); shape.setAttribute("cy", "10"); shape.setAttribute("r", "7");
    }
    shape.setAttribute("fill", c.color);
    svg.appendChild(shape);
    return svg;
  }

  function renderLegend() {
    // One check-box per class; the count is what is drawn of how many there are.
    var box = $("pg-legend");
    // Redrawing replaces the check-boxes: keep the keyboard focus on the one that had it.
    var had = Array.prototype.indexOf.call(box.querySelectorAll("input"), document.activeElement);
    clear(box);
    box.appendChild(el("h2", null, t("legend")));
    var drawn = {};
    nodes.forEach(function (v) { var c = nodesById[v.id].c; drawn[c] = (drawn[c] || 0) + 1; });
    var list = el("ul");
    DATA.classes.forEach(function (c, i) {
      var item = el("li");
      var label = el("label", hiddenClasses[i] ? "pg-off" : null);
      label.title = t("showClass");
      var tick = el("input");
      tick.type = "checkbox";
      tick.checked = !hiddenClasses[i];
      tick.setAttribute("data-class", c.iri);
      tick.addEventListener("change", function () { setClass(i, tick.checked); });
      label.appendChild(tick);
      label.appendChild(swatch(c));
      label.appendChild(el("span", "pg-legend-name", pick(c)));
      var n = drawn[i] || 0;
      label.appendChild(el("span", "pg-count", n === c.count ? c.count : n + "/" + c.count));
      item.appendChild(label);
      list.appendChild(item);
    });
    box.appendChild(list);
    if (had >= 0) { box.querySelectorAll("input")[had].focus(); }
  }

  function renderParks() {
    // The keyboard path to the hubs: a button per park; Tab to it, Enter opens or closes it.
    var box = $("pg-parks");
    box.hidden = parkIds.length === 0;
    var had = document.activeElement ? document.activeElement.getAttribute("data-park") : null;
    clear(box);
    box.appendChild(el("h2", null, t("parks") + " (" + parkIds.length + ")"));
    var list = el("ul");
    var order = parkIds.slice().sort(function (a, b) {
      var la = nodeLabel(nodesById[a]), lb = nodeLabel(nodesById[b]);
      return la < lb ? -1 : la > lb ? 1 : a - b;
    });
    order.forEach(function (id) {
      var n = nodesById[id], item = el("li");
      var b = el("button", passes(n) ? null : "pg-off");
      b.type = "button";
      b.setAttribute("data-park", String(id));
      if (HUBS) {
        b.setAttribute("aria-expanded", String(!!expanded[id]));
        b.title = t("expand");
      }
      b.appendChild(el("span", "pg-park-mark", HUBS ? (expanded[id] ? "▾" : "▸") : "•"));
      b.appendChild(el("span", "pg-legend-name", nodeLabel(n)));
      if (n.num && n.num.length) { b.appendChild(el("span", "pg-count", n.num.length + " " + t("nums"))); }
      b.addEventListener("click", function () {
        toggleExpand(id);
        focusNode(id);
      });
      item.appendChild(b);
      list.appendChild(item);
    });
    box.appendChild(list);
    if (had !== null) {
      var again = box.querySelector('[data-park="' + Number(had) + '"]');
      if (again) { again.focus(); }
    }
  }

  // ---- language -------------------------------------------------------------------------
  function setLang(next) {
    lang = next === "en" ? "en" : "zh";
    nodes.update(nodes.getIds().map(function (id) { return { id: id, label: shorten(nodeLabel(nodesById[id])) }; }));
    edges.update(edges.getIds().map(function (i) { return { id: i, label: propLabel(DATA.edges[i][2]) }; }));
    renderTexts();
    renderLegend();
    renderParks();
    if (current !== null) { renderPanel(current); }
    runSearch();
  }
  Array.prototype.forEach.call(document.querySelectorAll("#pg-lang button"), function (b) {
    b.addEventListener("click", function () { setLang(b.getAttribute("data-lang")); });
  });

  // ---- search ---------------------------------------------------------------------------
  var searchBox = $("pg-search"), results = $("pg-results");
  function norm(s) { return String(s || "").toLowerCase().replace(/\s+/g, " ").trim(); }
  var haystack = DATA.nodes.map(function (n) {
    return [n.zh, n.en].concat(n.alt || []).map(norm);
  });
  function matches(q) {
    var found = [];
    DATA.nodes.forEach(function (n, i) {
      var best = 9;
      haystack[i].forEach(function (h) {
        if (h === q) { best = Math.min(best, 0); }
        else if (h.indexOf(q) === 0) { best = Math.min(best, 1); }
        else if (h.indexOf(q) > 0) { best = Math.min(best, 2); }
      });
      if (best < 9) { found.push([best, nodeLabel(n).length, n.id]); }
    });
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
    return found.slice(0, 12).map(function (f) { return f[2]; });
  }
  function runSearch() {
    var q = norm(searchBox.value);
    clear(results);
    if (!q) { results.hidden = true; return []; }
    var ids = matches(q);
    if (!ids.length) { results.appendChild(el("li", "pg-none", t("noMatch"))); }
    ids.forEach(function (id) {
      var n = nodesById[id];
      var li = el("li");
      var b = el("button");
      b.type = "button";
      b.appendChild(swatch(classOf(n)));
      b.appendChild(el("span", null, nodeLabel(n)));
      b.appendChild(el("span", "pg-result-class", pick(classOf(n))));
      b.addEventListener("click", function () { focusNode(id); });
      li.appendChild(b);
      results.appendChild(li);
    });
    results.hidden = false;
    return ids;
  }
  searchBox.addEventListener("input", runSearch);
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var ids = runSearch();
      if (ids.length) { focusNode(ids[0]); }
    } else if (ev.key === "Escape") {
      searchBox.value = ""; runSearch();
    }
  });

  function focusNode(id) {
    var n = nodesById[id];
    results.hidden = true;
    if (summarised(n)) { showNode(id); return; } // never drawn in this view: the panel only
    if (!nodes.get(id)) {
      // Asked for by name or link: draw it, whatever hid it.
      delete hiddenClasses[n.c];
      if (sourceFilter >= 0 && (n.s || []).indexOf(sourceFilter) < 0) { sourceFilter = -1; }
      if (!inView()[id]) { pinned[id] = true; }
      $("pg-source").value = String(sourceFilter);
      applyView();
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 400 } });
    showNode(id);
  }

  // ---- side panel -----------------------------------------------------------------------
  function showNode(id) {
    current = id;
    renderPanel(id);
    $("pg-panel").hidden = false;
  }
  function hidePanel() {
    current = null;
    $("pg-panel").hidden = true;
  }

  function section(parent, title) {
    var s = el("section");
    s.appendChild(el("h3", null, title));
    parent.appendChild(s);
    return s;
  }
  function row(table, key, value) {
    var tr = el("tr");
    tr.appendChild(el("th", null, key));
    var td = el("td");
    if (value instanceof Node) { td.appendChild(value); } else { td.textContent = String(value); }
    tr.appendChild(td);
    table.appendChild(tr);
  }
  function nodeLink(id) {
    var b = el("button", "pg-link", nodeLabel(nodesById[id]));
    b.type = "button";
    b.addEventListener("click", function () { focusNode(id); });
    return b;
  }
  function groupBy(items, keyOf) {
    // Groups in the order of their first member (the data is sorted), members in order.
    var groups = [], index = {};
    items.forEach(function (x) {
      var k = keyOf(x) || "";
      if (!Object.prototype.hasOwnProperty.call(index, k)) { index[k] = groups.length; groups.push({ key: k, items: [] }); }
      groups[index[k]].items.push(x);
    });
    return groups;
  }

  function numberCard(x) {
    var card = el("div", "pg-number");
    var head = el("div", "pg-number-head");
    head.appendChild(el("span", "pg-number-stated", x.stated || x.value));
    if (x.statusKind) {
      head.appendChild(el("span", "pg-status pg-status-" + x.statusKind, pick(x.status)));
    }
    card.appendChild(head);
    var tbl = el("table", "pg-kv");
    if (x.indicator && (x.indicator.zh || x.indicator.en)) { row(tbl, t("indicator"), pick(x.indicator)); }
    if (x.value) { row(tbl, t("value"), x.value + (x.unit ? " " + pick(x.unit) : "")); }
    if (x.comparator && (x.comparator.zh || x.comparator.en)) { row(tbl, t("comparator"), pick(x.comparator)); }
    if (x.period && (x.period.zh || x.period.en)) { row(tbl, t("period"), pick(x.period)); }
    card.appendChild(tbl);
    (x.ev || []).forEach(function (text) { card.appendChild(el("blockquote", "pg-evidence", text)); });
    (x.s || []).forEach(function (i) {
      var p = el("p", "pg-source");
      p.appendChild(el("span", "pg-source-key", t("source") + ": "));
      p.appendChild(el("cite", null, pick(DATA.sources[i])));
      card.appendChild(p);
    });
    return card;
  }

  // ---- a chart of one indicator's values over periods: SVG drawn here, nothing fetched --
  function svgEl(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) { node.textContent = String(text); }
    return node;
  }
  function axisScale(max) {
    // The axis counts in 亿/万 in Chinese, in billions/millions/thousands in English.
    var steps = lang === "zh" ? [[1e8, "亿"], [1e4, "万"]] : [[1e9, "bn "], [1e6, "m "], [1e3, "k "]];
    for (var i = 0; i < steps.length; i++) { if (max >= steps[i][0]) { return steps[i]; } }
    return [1, ""];
  }
  function niceStep(span) {
    var raw = span / 4, mag = Math.pow(10, Math.floor(Math.log(raw) / Math.LN10)), f = raw / mag;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
  }
  function tickText(v) { return String(Math.round(v * 100) / 100); }
  function periodTick(x) {
    if (x.y0 === undefined) { return shorten(pick(x.period)); }
    return x.y0 === x.y1 ? String(x.y0) : x.y0 + "–" + String(x.y1).slice(-2);
  }
  function byPeriod(a, b) {
    var p = a.items[0], q = b.items[0];
    return ((p.y0 || 0) - (q.y0 || 0)) || ((p.y1 || 0) - (q.y1 || 0)) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  }

  function numberChart(items) {
    // Drawn for values over two periods or more: one point per observation, x = period
    // (in time order), y = value; an actual is a dot, a target a diamond.
    var pts = items.filter(function (x) { return typeof x.v === "number" && x.pk; });
    var periods = groupBy(pts, function (x) { return x.pk; }).sort(byPeriod);
    if (periods.length < 2) { return null; }
    var W = 340, H = 190, L = 48, R = 14, T = 24, B = 30;
    var values = pts.map(function (x) { return x.v; });
    var lo = Math.min(0, Math.min.apply(null, values)), hi = Math.max.apply(null, values);
    if (hi === lo) { hi = lo + 1; }
    var scale = axisScale(Math.max(Math.abs(hi), Math.abs(lo)));
    var step = niceStep((hi - lo) / scale[0]) * scale[0];
    hi = Math.ceil(hi / step) * step;
    lo = Math.floor(lo / step) * step;
    function X(i) { return L + 14 + i * (W - L - R - 28) / (periods.length - 1); }
    function Y(v) { return T + (H - T - B) * (1 - (v - lo) / (hi - lo)); }

    var figure = el("figure", "pg-chart");
    var svg = svgEl("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, "class": "pg-chart-svg" });
    for (var k = 0; lo + k * step <= hi + step / 2; k++) {
      var v = lo + k * step;
      svg.appendChild(svgEl("line", { x1: L, x2: W - R, y1: Y(v), y2: Y(v), "class": "pg-grid" }));
      svg.appendChild(svgEl("text", { x: L - 4, y: Y(v) + 4, "text-anchor": "end", "class": "pg-tick" },
        tickText(v / scale[0])));
    }
    var unit = items[0].unit ? pick(items[0].unit) : "";
    svg.appendChild(svgEl("text", { x: 2, y: 12, "class": "pg-axis" }, t("unitWord") + ": " + scale[1] + unit));
    periods.forEach(function (p, i) {
      svg.appendChild(svgEl("text", { x: X(i), y: H - B + 16, "text-anchor": "middle", "class": "pg-tick" },
        periodTick(p.items[0])));
    });
    ["actual", "target"].forEach(function (kind) {
      // A line through the first value of each period: solid for actuals, dashed for targets.
      var line = [];
      periods.forEach(function (p, i) {
        var own = p.items.filter(function (x) { return x.statusKind === kind; });
        if (own.length) { line.push(X(i) + "," + Y(own[0].v)); }
      });
      if (line.length > 1) { svg.appendChild(svgEl("polyline", { points: line.join(" "), "class": "pg-line pg-line-" + kind })); }
    });
    var note = el("div", "pg-chart-note");
    note.hidden = true;
    periods.forEach(function (p, i) {
      p.items.forEach(function (x, j) {
        // Values of one period side by side, so that none hides another.
        var cx = X(i) + (j - (p.items.length - 1) / 2) * 12, cy = Y(x.v);
        var kind = x.statusKind === "actual" || x.statusKind === "target" ? x.statusKind : "other";
        var g = svgEl("g", { "class": "pg-pt pg-pt-" + kind, tabindex: 0, role: "button" });
        var said = (x.stated || x.value) + " · " + pick(x.period) + " · " + pick(x.status);
        var quote = (x.ev || []).map(function (e) { return "“" + e + "”"; }).join(" ");
        var where = (x.s || []).map(function (s) { return pick(DATA.sources[s]); }).join("; ");
        g.setAttribute("aria-label", said);
        g.appendChild(svgEl("title", {}, said + (quote ? "\n" + quote : "") + (where ? "\n— " + where : "")));
        if (kind === "target") {
          g.appendChild(svgEl("polygon", { points: [cx, cy - 6, cx + 6, cy, cx, cy + 6, cx - 6, cy].join(",") }));
        } else {
          g.appendChild(svgEl("circle", { cx: cx, cy: cy, r: 5 }));
        }
        function show() {
          clear(note);
          note.appendChild(numberCard(x));
          note.hidden = false;
        }
        g.addEventListener("click", show);
        g.addEventListener("keydown", function (ev) {
          if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); show(); }
        });
        svg.appendChild(g);
      });
    });
    figure.appendChild(svg);
    var key = el("figcaption", "pg-chart-key");
    key.appendChild(el("span", "pg-key-actual", "● " + t("actual")));
    key.appendChild(el("span", "pg-key-target", "◆ " + t("target")));
    figure.appendChild(key);
    figure.appendChild(note);
    return figure;
  }

  function renderPanel(id) {
    var n = nodesById[id], c = classOf(n);
    var panel = $("pg-panel");
    clear(panel);
    var close = el("button", "pg-close", "×");
    close.type = "button";
    close.title = t("close");
    close.setAttribute("aria-label", t("close"));
    close.addEventListener("click", hidePanel);
    panel.appendChild(close);

    panel.appendChild(el("h2", "pg-node-title", nodeLabel(n)));
    var badge = el("p", "pg-class");
    badge.appendChild(swatch(c));
    badge.appendChild(el("span", null, pick(c)));
    panel.appendChild(badge);

    var names = el("table", "pg-kv");
    row(names, t("zhName"), n.zh || "—");
    row(names, t("enName"), n.en || "—");
    if (n.alt && n.alt.length) { row(names, t("alt"), n.alt.join(" / ")); }
    row(names, t("iri"), n.iri);
    panel.appendChild(names);

    // Numbers grouped by indicator (its skos:prefLabel), each group charted over periods;
    // with a source chosen, only the numbers derived from it.
    var shownNums = (n.num || []).filter(function (x) {
      return sourceFilter < 0 || (x.s || []).indexOf(sourceFilter) >= 0;
    });
    if (shownNums.length) {
      var nums = section(panel, t("numbers") + " (" + shownNums.length + ")");
      if (sourceFilter >= 0) { nums.appendChild(el("p", "pg-source", t("onlySource") + pick(DATA.sources[sourceFilter]))); }
      groupBy(shownNums, function (x) { return x.ik; }).forEach(function (group) {
        var box = el("div", "pg-indicator");
        box.setAttribute("data-indicator", group.key);
        box.appendChild(el("h4", null, pick(group.items[0].indicator) || t("noIndicator")));
        groupBy(group.items, function (x) { return x.uk; }).forEach(function (sameUnit) {
          var chart = numberChart(sameUnit.items);
          if (chart) { chart.setAttribute("data-unit", sameUnit.key); box.appendChild(chart); }
        });
        group.items.forEach(function (x) { box.appendChild(numberCard(x)); });
        nums.appendChild(box);
      });
    }

    if ((n.ev && n.ev.length) || (n.src && n.src.length)) {
      var ev = section(panel, t("evidence"));
      (n.ev || []).forEach(function (text) { ev.appendChild(el("blockquote", "pg-evidence", text)); });
      (n.src || []).forEach(function (s) {
        var p = el("p", "pg-source");
        p.appendChild(el("span", "pg-source-key", t("source") + ": "));
        p.appendChild(el("cite", null, pick(s)));
        ev.appendChild(p);
      });
    }

    if ((n.lit && n.lit.length) || (n.ref && n.ref.length)) {
      var props = el("table", "pg-kv");
      (n.lit || []).forEach(function (l) { row(props, propLabel(l[0]), l[2] ? l[1] + " @" + l[2] : l[1]); });
      (n.ref || []).forEach(function (r) { row(props, propLabel(r[0]), pick({ zh: r[1], en: r[2] })); });
      section(panel, t("props")).appendChild(props);
    }

    var outs = outEdges[id] || [], ins = inEdges[id] || [];
    if (outs.length || ins.length) {
      var links = el("ul", "pg-links");
      outs.forEach(function (i) {
        var e = DATA.edges[i], li = el("li");
        li.appendChild(el("span", "pg-prop", propLabel(e[2]) + " →"));
        li.appendChild(nodeLink(e[1]));
        links.appendChild(li);
      });
      ins.forEach(function (i) {
        var e = DATA.edges[i], li = el("li");
        li.appendChild(nodeLink(e[0]));
        li.appendChild(el("span", "pg-prop", "→ " + propLabel(e[2])));
        links.appendChild(li);
      });
      section(panel, t("links")).appendChild(links);
    }
  }

  $("pg-source").addEventListener("change", function () { setSource(Number($("pg-source").value)); });
  $("pg-expand-all").addEventListener("click", function () { expandAll(); });
  renderTexts();
  renderLegend();
  renderParks();
})();
