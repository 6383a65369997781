// dateline report: filters by check, severity, entity and article. The filter state lives
// in the URL fragment (#check=name/variant&severity=warning), so a link shares a view; a
// fragment without "=" is an ordinary anchor (#f3) and leaves the filters alone. Counts in
// the summary tables and the "shown" line follow the filters. Every value read from the
// page or the fragment is compared or written as text, never as markup.
"use strict";
(function () {
  const KEYS = ["check", "severity", "entity", "article"];
  const findings = Array.from(document.querySelectorAll("[data-finding]"));
  const fileSections = Array.from(document.querySelectorAll("section[data-file]"));
  const entitySections = Array.from(document.querySelectorAll("section[data-entity]"));
  const countRows = Array.from(document.querySelectorAll("tr[data-count-row]"));
  const shown = document.getElementById("shown");
  const selects = {};
  for (const key of KEYS) selects[key] = document.getElementById("filter-" + key);

  function empty() {
    const state = {};
    for (const key of KEYS) state[key] = "";
    return state;
  }

  // The view a fragment names, or null when it is an anchor.
  function fromHash() {
    const hash = location.hash.slice(1);
    if (!hash.includes("=")) return null;
    const params = new URLSearchParams(hash);
    const state = empty();
    for (const key of KEYS) state[key] = params.get(key) || "";
    return state;
  }

  function toHash(state) {
    const params = new URLSearchParams();
    for (const key of KEYS) if (state[key]) params.set(key, state[key]);
    return params.toString();
  }

  function current() {
    const state = empty();
    for (const key of KEYS) state[key] = selects[key].value;
    return state;
  }

  // As on the command line: a code, or a group (`name/` or `name`).
  function checkMatches(code, wanted) {
    if (!wanted || wanted === "ALL") return true;
    const group = wanted.endsWith("/") ? wanted : wanted + "/";
    return code === wanted || code.startsWith(group);
  }

  function entitiesOf(finding) {
    return Array.from(finding.querySelectorAll("[data-entity]"), (chip) => chip.dataset.entity);
  }

  function matches(finding, state) {
    const data = finding.dataset;
    return (
      checkMatches(data.code, state.check) &&
      (!state.severity || data.severity === state.severity) &&
      (!state.entity || entitiesOf(finding).includes(state.entity)) &&
      (!state.article || data.article === state.article)
    );
  }

  // Shows the value in its select, adding an option for a value the report does not list
  // (a group such as `name/`, or a link made from another report).
  function select(key, value) {
    const element = selects[key];
    if (value && !Array.from(element.options).some((option) => option.value === value)) {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = value;
      element.appendChild(option);
    }
    element.value = value;
  }

  function apply(state) {
    for (const key of KEYS) select(key, state[key]);
    const counts = new Map();
    const bump = (kind, key, severity) => {
      const id = kind + "\u0000" + key;
      const row = counts.get(id) || {};
      row[severity] = (row[severity] || 0) + 1;
      row[""] = (row[""] || 0) + 1;
      counts.set(id, row);
    };
    const filtered = KEYS.some((key) => state[key]);
    let visible = 0;
    for (const finding of findings) {
      const show = matches(finding, state);
      finding.hidden = !show;
      if (!show) continue;
      visible += 1;
      bump("check", finding.dataset.code, finding.dataset.severity);
      bump("article", finding.dataset.article, finding.dataset.severity);
    }
    for (const section of fileSections) {
      section.hidden = !section.querySelector("[data-finding]:not([hidden])");
    }
    for (const section of entitySections) {
      const articles = Array.from(section.querySelectorAll("[data-article]"), (li) => li.dataset.article);
      section.hidden =
        (state.entity !== "" && section.dataset.entity !== state.entity) ||
        (state.article !== "" && !articles.includes(state.article));
    }
    for (const row of countRows) {
      const numbers = counts.get(row.dataset.countRow + "\u0000" + row.dataset.key) || {};
      for (const cell of row.querySelectorAll("td[data-severity]")) {
        const n = numbers[cell.dataset.severity] || 0;
        cell.textContent = n === 0 && cell.dataset.severity !== "" ? "" : String(n);
      }
      row.classList.toggle("zero", !numbers[""]);
      row.hidden = filtered && !numbers[""];
    }
    const none = document.getElementById("none-shown");
    if (none) none.hidden = visible > 0;
    const total = Number(shown.dataset.total);
    shown.dataset.shown = String(visible);
    shown.textContent = filtered
      ? "Showing " + visible + " of " + total + " findings"
      : total + (total === 1 ? " finding" : " findings");
  }

  // Records the view in the fragment (a new history entry, so Back undoes a filter).
  function go(state) {
    const hash = toHash(state);
    if (hash) {
      location.hash = hash;
    } else {
      history.pushState(null, "", location.pathname + location.search);
      apply(state);
    }
  }

  for (const key of KEYS) {
    selects[key].addEventListener("change", () => go(current()));
  }
  document.getElementById("filter-clear").addEventListener("click", () => go(empty()));

  document.addEventListener("click", (event) => {
    const link = event.target.closest("a");
    if (!link) return;
    if (link.dataset.setFilter) {
      event.preventDefault();
      const state = current();
      state[link.dataset.setFilter] = link.dataset.value;
      go(state);
      return;
    }
    // An anchor to something the filters hide: show everything, then go there.
    const href = link.getAttribute("href") || "";
    if (href.startsWith("#") && !href.includes("=")) {
      const target = document.getElementById(href.slice(1));
      if (target && target.closest("[hidden]")) apply(empty());
    }
  });

  window.addEventListener("hashchange", () => {
    const state = fromHash();
    if (state) apply(state);
  });

  apply(fromHash() || empty());
  document.documentElement.dataset.ready = "true";
})();
