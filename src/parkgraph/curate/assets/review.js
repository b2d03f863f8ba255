// parkgraph review page. Keyboard first; every decision goes to the server at once (it
// journals it before answering). Text from the document is only ever set as textContent:
// nothing in it can run.
"use strict";

(function () {
  const base = window.location.pathname.replace(/[^/]*$/, ""); // /<token>/
  let state = null;
  let index = 0;
  let menu = null; // null | {kind: "reject" | "edit" | "link" | "field", ...}
  let saves = 0; // decisions the server has confirmed (for whoever watches the page)

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v;
      else node.setAttribute(k, v);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function say(text) {
    document.getElementById("message").textContent = text || "";
  }

  async function call(path, body) {
    const options = body === undefined ? {} : {
      method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body),
    };
    const response = await fetch(base + path, options);
    const data = await response.json();
    if (!response.ok) throw new Error(data.error || response.statusText);
    return data;
  }

  function card() { return state.cards[index]; }

  function renderText() {
    const text = state.text;
    const current = card() && card().evidence;
    const cuts = new Set([0, text.length]);
    for (const c of state.cards) {
      if (c.evidence) { cuts.add(c.evidence.start); cuts.add(c.evidence.end); }
    }
    const points = [...cuts].sort((a, b) => a - b);
    const box = document.getElementById("text");
    box.replaceChildren();
    let mark = null;
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      const covered = state.cards.some((c) => c.evidence && c.evidence.start <= a && b <= c.evidence.end);
      const isCurrent = current && current.start <= a && b <= current.end;
      const piece = text.slice(a, b);
      if (!covered) { box.append(document.createTextNode(piece)); continue; }
      const span = el("span", {class: isCurrent ? "ev current" : "ev"}, piece);
      if (isCurrent && !mark) mark = span;
      box.append(span);
    }
    if (mark) mark.scrollIntoView({block: "center"});
  }

  function chosenLink(c) {
    if (c.decision.link) return c.decision.link;
    const best = (c.links || [])[0];
    return best && best.verdict === "likely" ? best.iri : "new";
  }

  function renderCard() {
    const c = card();
    const box = document.getElementById("card");
    box.replaceChildren();
    const left = state.remaining;
    document.getElementById("counter").textContent =
      `${left} left of ${state.cards.length} · card ${index + 1}`;
    if (!c) return;
    const d = c.decision;
    const fields = el("dl");
    const row = (name, value) => {
      if (value === null || value === undefined || value === "") return;
      fields.append(el("dt", {}, name), el("dd", {"data-field": name}, String(value)));
    };
    row("subject", c.subject);
    row("predicate", c.predicate);
    if (c.kind === "observation") {
      const f = {...c.fields, ...d.edits};
      row("value", `${f.value} ${f.unit}`);
      row("stated", f.stated);
      row("comparator", f.comparator);
      row("period", f.period ? `${f.period} (${(f.years || []).join("–")})` : "");
      row("status", f.status);
      // the text's words, and the vocabulary's concept they will point to (or a new one)
      const ind = c.indicator || {text: f.indicator, concept: null};
      row("indicator", ind.concept
        ? `${ind.text} → ${ind.concept.zh} / ${ind.concept.en} (${ind.concept.id})`
        : `${ind.text} → new concept`);
    } else {
      row("value", d.edits.label || c.value);
      if (c.kind === "entity") {
        row("label", d.edits.label || c.fields.label);
        row("level", c.fields.level);
        row("GB/T 2260", c.fields.gb_code);
      }
    }
    row("evidence", c.evidence ? c.evidence.text : "");
    row("rule", `${c.rule} (${c.confidence})`);
    if (c.kind === "observation" && d.edits.about) {
      const about = state.entities.find((e) => e.ref === d.edits.about);
      row("about", about ? `${about.label} (${about.ref})` : d.edits.about);
    }
    const status = el("span", {class: `status status-${d.status}`, "data-status": d.status},
      d.status + (d.reason ? ` — ${state.reasons[d.reason] || d.reason}` : ""));
    const node = el("article", {class: "card", "data-card-id": c.id, "data-kind": c.kind,
                                "data-class": c.kind === "entity" ? c.fields.class : ""},
      el("h2", {}, `${c.kind}: `, c.subject, " ", status), fields);
    if (c.kind === "observation" && (c.disagrees || []).length) {
      const list = el("ul", {class: "disagrees"});
      for (const k of c.disagrees) {
        list.append(el("li", {"data-iri": k.iri}, `${k.stated || k.value} `, el("code", {}, k.source),
          k.evidence ? ` “${k.evidence}”` : ""));
      }
      node.append(el("h3", {}, "other sources say"), list);
    }
    if (c.kind === "entity") {
      const chosen = chosenLink(c);
      const list = el("ol", {class: "links"});
      (c.links || []).forEach((l, i) => {
        const features = (l.features || []).map((f) => `${f.name}: ${f.value}`).join(" · ");
        list.append(el("li", {class: l.iri === chosen ? "chosen" : "", "data-iri": l.iri},
          `${i + 1}. ${l.label} `, el("code", {}, l.iri), ` — ${l.verdict} ${l.score}`,
          el("div", {class: "features"}, features)));
      });
      list.append(el("li", {class: chosen === "new" ? "chosen" : "", "data-iri": "new"},
        "0. new entity"));
      node.append(el("h3", {}, "link"), list);
      if (c.link_note) node.append(el("p", {class: "features"}, c.link_note));
    }
    if (menu) node.append(renderMenu(c));
    box.append(node);
  }

  function renderMenu(c) {
    const box = el("div", {class: "menu", "data-menu": menu.kind});
    if (menu.kind === "reject") {
      box.append(el("strong", {}, "reject because (number):"));
      Object.entries(state.reasons).forEach(([key, text], i) =>
        box.append(el("div", {"data-reason": key}, `${i + 1}. ${text}`)));
    } else if (menu.kind === "edit") {
      box.append(el("strong", {}, "edit which field (number):"));
      c.editable.forEach((f, i) => box.append(el("div", {}, `${i + 1}. ${f}`)));
    } else if (menu.kind === "field") {
      const current = {...c.fields, ...c.decision.edits}[menu.field];
      const input = el("input", {id: "edit-input", "aria-label": menu.field});
      input.value = current === null || current === undefined ? "" : String(current);
      box.append(el("label", {}, `${menu.field} (Enter saves, Esc cancels): `), input);
      if (menu.field === "indicator") {
        // a concept of the vocabulary by its label or id, or any other wording (a new concept)
        const list = el("datalist", {id: "indicator-concepts"});
        for (const k of state.indicators || []) list.append(el("option", {value: k.zh, label: `${k.en} (${k.id})`}));
        input.setAttribute("list", "indicator-concepts");
        box.append(list);
      }
      setTimeout(() => { input.focus(); input.select(); }, 0);
    } else if (menu.kind === "link") {
      box.append(el("strong", {}, "link to (number; 0 = new entity)"));
    } else {
      renderAmendMenu(c, box);
    }
    return box;
  }

  // ---- about, and facts added from a selection of the text (see curate/amend.py)

  function choiceList() {
    const list = el("ol", {class: "choices"});
    state.entities.forEach((e, i) => list.append(el("li", {"data-ref": e.ref},
      `${i + 1}. ${e.label} `, el("code", {}, e.ref), ` ${e.cls} (${e.from})`)));
    return list;
  }

  function chosenRef(value) { // a number of the list, or a card id / IRI as typed
    const n = /^\d+$/.test(value.trim()) ? parseInt(value, 10) : NaN;
    return Number.isNaN(n) ? value.trim() : ((state.entities[n - 1] || {}).ref || value.trim());
  }

  const FORMS = {
    entity: [["cls", "class"], ["label", "label (Enter keeps the selected words)"]],
    observation: [["about", "about (number of the list, card id or IRI)"], ["value", "value (a number)"],
      ["unit", "unit"], ["status", "status"], ["comparator", "comparator"],
      ["period", "period (2024年, 十四五, 2021—2025年 … or none)"], ["indicator", "indicator"],
      ["stated", "stated as (empty: the selected words)"]],
    relation: [["predicate", "predicate"], ["subject", "subject (number, card id or IRI)"],
      ["object", "object (number, card id or IRI)"]],
  };
  const DEFAULTS = {status: "Actual", comparator: "Exactly", period: "none", unit: "Count"};
  const LISTS = {cls: "classes", unit: "units", predicate: "predicates", status: "statuses",
                 comparator: "comparators"};

  function renderAmendMenu(c, box) {
    if (menu.kind === "about") {
      box.append(el("label", {}, "about (number, card id or IRI; Enter saves, Esc cancels): "),
        el("input", {id: "about-input", "aria-label": "about"}), choiceList());
      setTimeout(() => document.getElementById("about-input").focus(), 0);
    } else if (menu.kind === "add") {
      box.append(el("strong", {}, `add from “${menu.span.text}” (number):`));
      state.vocabulary.what.forEach((w, i) => box.append(el("div", {"data-what": w}, `${i + 1}. ${w}`)));
    } else if (menu.kind === "addform") {
      box.append(el("strong", {}, `add ${menu.what}: “${menu.span.text}” (Tab moves, Enter adds, Esc cancels)`));
      for (const [name, label] of FORMS[menu.what]) {
        const input = el("input", {"data-add": name, "aria-label": name});
        input.value = DEFAULTS[name] || "";
        const row = el("label", {class: "add-row"}, `${label}: `, input);
        if (LISTS[name]) row.append(el("span", {class: "features"}, state.vocabulary[LISTS[name]].join(" · ")));
        box.append(row);
      }
      if (menu.what !== "entity") box.append(choiceList());
      setTimeout(() => box.querySelector("input").focus(), 0);
    }
  }

  function selectedSpan() { // the selection in the text, as code-point offsets into it
    const box = document.getElementById("text");
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    if (!box.contains(range.startContainer) || !box.contains(range.endContainer)) return null;
    const before = document.createRange();
    before.setStart(box, 0);
    before.setEnd(range.startContainer, range.startOffset);
    const start = [...before.toString()].length;
    const words = range.toString();
    return {start, end: start + [...words].length, text: words};
  }

  function submitAdd() {
    const body = {action: "add", what: menu.what, start: menu.span.start, end: menu.span.end,
                  text: menu.span.text};
    for (const input of document.querySelectorAll("[data-add]")) {
      const name = input.dataset.add;
      const value = input.value.trim();
      if (!value) continue;
      body[name] = ["about", "subject", "object"].includes(name) ? chosenRef(value) : value;
    }
    decide(body, false).then(() => { if (!menu) index = state.cards.length - 1; render(); });
  }

  function onAmendKey(event) { // true when the key was for an open about/add form
    if (!menu || !["about", "addform"].includes(menu.kind)) return false;
    if (event.key === "Escape") { menu = null; render(); return true; }
    if (event.key !== "Enter") return true;
    event.preventDefault();
    if (menu.kind === "about") {
      const value = chosenRef(document.getElementById("about-input").value);
      decide({action: "edit", card: card().id, field: "about", value}, false);
    } else {
      submitAdd();
    }
    return true;
  }

  function render() {
    renderText();
    renderCard();
    document.body.dataset.remaining = String(state.remaining);
    document.body.dataset.index = String(index);
  }

  function nextPending(from) {
    for (let i = from + 1; i < state.cards.length; i++) if (state.cards[i].decision.status === "pending") return i;
    for (let i = 0; i < state.cards.length; i++) if (state.cards[i].decision.status === "pending") return i;
    return Math.min(from + 1, state.cards.length - 1);
  }

  async function decide(body, advance) {
    try {
      state = await call("api/decide", body);
      saves += 1;
      menu = null;
      if (advance) index = nextPending(index);
      index = Math.max(0, Math.min(index, state.cards.length - 1)); // an undone add takes its card away
      say("saved");
      render();
    } catch (error) {
      say(error.message);
    }
    document.body.dataset.saves = String(saves);
  }

  async function finish() {
    try {
      const done = await call("api/finish", {});
      say(`written ${done.written}: ${done.accepted} accepted, ${done.rejected} rejected`);
      document.body.dataset.finished = done.written;
    } catch (error) {
      say(error.message);
    }
  }

  function onKey(event) {
    if (!state) return;
    if (onAmendKey(event)) return;
    const c = card();
    const key = event.key;
    if (menu && menu.kind === "field") {
      if (key === "Enter") {
        event.preventDefault();
        const value = document.getElementById("edit-input").value;
        decide({action: "edit", card: c.id, field: menu.field, value}, false);
      } else if (key === "Escape") {
        menu = null; render();
      }
      return;
    }
    if (event.target instanceof HTMLInputElement) return;
    if (menu) {
      const n = parseInt(key, 10);
      if (key === "Escape") { menu = null; render(); return; }
      if (Number.isNaN(n)) return;
      event.preventDefault();
      if (menu.kind === "reject") {
        const reason = Object.keys(state.reasons)[n - 1];
        if (reason) decide({action: "reject", card: c.id, reason}, true);
      } else if (menu.kind === "edit") {
        const field = c.editable[n - 1];
        if (field) { menu = {kind: "field", field}; render(); }
      } else if (menu.kind === "link") {
        const target = n === 0 ? "new" : (c.links[n - 1] || {}).iri;
        if (target) decide({action: "link", card: c.id, target}, false);
      } else if (menu.kind === "add") {
        const what = state.vocabulary.what[n - 1];
        if (what) { menu = {kind: "addform", what, span: menu.span}; render(); }
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    switch (key) {
      case "a":
        decide(c.kind === "entity" ? {action: "accept", card: c.id, link: chosenLink(c)}
                                   : {action: "accept", card: c.id}, true);
        break;
      case "r": menu = {kind: "reject"}; render(); break;
      case "e":
        if (c.editable.length) { menu = {kind: "edit"}; render(); } else say("nothing to edit on this card");
        break;
      case "l":
        if (c.kind === "entity") { menu = {kind: "link"}; render(); } else say("only entities are linked");
        break;
      case "o":
        if (c.kind === "observation") { menu = {kind: "about"}; render(); } else say("only observations have an about");
        break;
      case "+": {
        const span = selectedSpan();
        if (span) { menu = {kind: "add", span}; render(); } else say("select the words of the fact in the text first");
        break;
      }
      case "u": decide({action: "undo"}, false); break;
      case "j": case "n": case "ArrowDown": case "ArrowRight":
        index = Math.min(index + 1, state.cards.length - 1); render(); break;
      case "k": case "p": case "ArrowUp": case "ArrowLeft":
        index = Math.max(index - 1, 0); render(); break;
      case "f": finish(); break;
      default: return;
    }
    event.preventDefault();
  }

  async function start() {
    try {
      state = await call("api/state");
    } catch (error) {
      say(error.message);
      return;
    }
    document.getElementById("title").textContent =
      `parkgraph review: ${state.source.title || state.source.file_name}`;
    const first = state.cards.findIndex((c) => c.decision.status === "pending");
    index = first < 0 ? 0 : first;
    if (state.recovered) say(state.recovered);
    render();
    document.addEventListener("keydown", onKey);
    document.body.dataset.ready = "1";
    document.body.dataset.saves = "0";
  }

  start();
})();
