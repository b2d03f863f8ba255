/* parkgraph network page: legend, search, side panel, language switch.
 *
 * Everything shown here comes from the JSON in #pg-data and is put into the page with
 * textContent / DOM properties only, never innerHTML: text from the data is never markup.
 * vis-network draws labels on a canvas; no HTML tooltips are used.
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
      hideClass: "点击隐藏或显示该类"
    },
    en: {
      search: "Search nodes (Chinese or English)…", legend: "Legend", noMatch: "No matching node",
      cls: "Class", zhName: "Chinese", enName: "English", alt: "Also called", iri: "IRI",
      numbers: "Numbers", indicator: "Indicator", value: "Value", period: "Period", status: "Status",
      comparator: "Comparator", evidence: "Evidence", source: "Source", props: "Properties",
      links: "Links", close: "Close", loading: "Laying out…", empty: "Nothing to draw",
      hideClass: "Click to hide or show this class"
    }
  };
  var lang = DATA.lang === "en" ? "en" : "zh";
  var current = null; // id of the node in the panel
  var hiddenClasses = {};

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
  var outEdges = {}, inEdges = {};
  DATA.edges.forEach(function (e, i) {
    (outEdges[e[0]] = outEdges[e[0]] || []).push(i);
    (inEdges[e[1]] = inEdges[e[1]] || []).push(i);
  });
  function nodeLabel(n) { return pick(n); }
  function propLabel(i) { return pick(DATA.props[i]); }
  function classOf(n) { return DATA.classes[n.c]; }

  // ---- the network --------------------------------------------------------------------
  function visNode(n) {
    var c = classOf(n);
    var node = {
      id: n.id, label: shorten(nodeLabel(n)), shape: c.shape, size: c.size,
      color: { background: c.color, border: c.color, highlight: { background: c.color, border: "#111" } }
    };
    if (n.x !== undefined) { node.x = n.x; node.y = n.y; }
    return node;
  }
  function visEdge(e, i) {
    return { id: i, from: e[0], to: e[1], label: propLabel(e[2]) };
  }
  var nodes = new vis.DataSet(DATA.nodes.map(visNode));
  var edges = new vis.DataSet(DATA.edges.map(visEdge));
  var container = $("pg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, DATA.options);

  var api = {
    network: network, nodes: nodes, edges: edges, data: DATA,
    ready: false, readyAt: null, how: null,
    setLang: setLang, showNode: showNode, focusNode: focusNode,
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
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (!params.edges.length) { hidePanel(); }
  });

  // ---- header, caption, legend --------------------------------------------------------
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
  }

  function swatch(c) {
    var svgNS = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(svgNS, "svg");
    svg.setAttribute("viewBox", "0 0 20 20");
    svg.setAttribute("class", "pg-swatch");
    var shape;
    var pts = {
      star: "10,1 12.6,7 19,7.4 14,11.6 15.6,18 10,14.5 4.4,18 6,11.6 1,7.4 7.4,7",
      diamond: "10,1 19,10 10,19 1,10", triangle: "10,2 19,18 1,18", triangleDown: "1,2 19,2 10,18",
      hexagon: "5,2 15,2 19.5,10 15,18 5,18 0.5,10"
    };
    if (pts[c.shape]) {
      shape = document.createElementNS(svgNS, "polygon");
      shape.setAttribute("points", pts[c.shape]);
    } else if (c.shape === "square") {
      shape = document.createElementNS(svgNS, "rect");
      shape.setAttribute("x", "3"); shape.setAttribute("y", "3");
      shape.setAttribute("width", "14"); shape.setAttribute("height", "14");
    } else {
      shape = document.createElementNS(svgNS, "circle");
      shape.setAttribute("cx", "10"); shape.setAttribute("cy", "10"); shape.setAttribute("r", "7");
    }
    shape.setAttribute("fill", c.color);
    svg.appendChild(shape);
    return svg;
  }

  function renderLegend() {
    var box = $("pg-legend");
    clear(box);
    box.appendChild(el("h2", null, t("legend")));
    var list = el("ul");
    DATA.classes.forEach(function (c, i) {
      var item = el("li");
      var button = el("button", hiddenClasses[i] ? "pg-off" : null);
      button.type = "button";
      button.title = t("hideClass");
      button.appendChild(swatch(c));
      button.appendChild(el("span", "pg-legend-name", pick(c)));
      button.appendChild(el("span", "pg-count", c.count));
      button.addEventListener("click", function () { toggleClass(i); });
      item.appendChild(button);
      list.appendChild(item);
    });
    box.appendChild(list);
  }

  function toggleClass(i) {
    hiddenClasses[i] = !hiddenClasses[i];
    nodes.update(DATA.nodes.filter(function (n) { return n.c === i; }).map(function (n) {
      return { id: n.id, hidden: !!hiddenClasses[i] };
    }));
    renderLegend();
  }

  // ---- language -------------------------------------------------------------------------
  function setLang(next) {
    lang = next === "en" ? "en" : "zh";
    nodes.update(DATA.nodes.map(function (n) { return { id: n.id, label: shorten(nodeLabel(n)) }; }));
    edges.update(DATA.edges.map(function (e, i) { return { id: i, label: propLabel(e[2]) }; }));
    renderTexts();
    renderLegend();
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
    var c = nodesById[id].c;
    if (hiddenClasses[c]) { toggleClass(c); }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 400 } });
    results.hidden = true;
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

    if (n.num && n.num.length) {
      var nums = section(panel, t("numbers"));
      n.num.forEach(function (x) {
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
        nums.appendChild(card);
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

  renderTexts();
  renderLegend();
})();
