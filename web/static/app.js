/*
 * loa: the small amount of JavaScript the pages need.
 *
 * The Content-Security-Policy forbids inline scripts, so the markup never
 * has onclick="…" or <script> code. This file wires behaviour from data
 * attributes instead:
 *
 *   <form data-confirm="Xoá mục này?">      asks before submitting
 *   <button data-confirm="Trả lại bài?">     asks before the click goes on
 *   <select data-autosubmit>                 submits its form on change
 *   <canvas data-chart="chart-units">        draws the JSON in
 *       <script type="application/json" id="chart-units">{…}</script>
 *   <trix-editor>                            refuses attached files
 *   <button data-print>                      prints the page (at the end of the file)
 *
 * Confirm, autosubmit and Trix use listeners on document, so they also
 * cover content that htmx swaps in later. Charts are drawn at
 * DOMContentLoaded and again on each htmx:load (new content).
 */
(function () {
  "use strict";

  var DEFAULT_CONFIRM = "Bạn có chắc chắn muốn thực hiện thao tác này?";

  /* --- Confirmation ------------------------------------------------------
   * These are capture-phase listeners on document, so they run before htmx's
   * own listeners on the element and can stop them. */
  function ask(el) {
    return window.confirm(el.getAttribute("data-confirm") || DEFAULT_CONFIRM);
  }

  document.addEventListener("click", function (e) {
    var btn = e.target.closest && e.target.closest("button[data-confirm]");
    if (btn && !btn.disabled && !ask(btn)) {
      e.preventDefault();
      e.stopPropagation();
    }
  }, true);

  // Navigation menus (<details>): one open at a time; a click elsewhere closes them.
  document.addEventListener("click", function (e) {
    document.querySelectorAll("nav.main-nav details[open]").forEach(function (d) {
      if (!d.contains(e.target)) d.removeAttribute("open");
    });
  });
  document.addEventListener("toggle", function (e) {
    var d = e.target;
    if (!d.open || !d.closest || !d.closest("nav.main-nav")) return;
    document.querySelectorAll("nav.main-nav details[open]").forEach(function (o) {
      if (o !== d) o.removeAttribute("open");
    });
  }, true);

  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.matches || !form.matches("form[data-confirm]")) return;
    // A submit button with its own data-confirm has already asked.
    if (e.submitter && e.submitter.hasAttribute("data-confirm")) return;
    if (!ask(form)) {
      e.preventDefault();
      e.stopPropagation();
    }
  }, true);

  /* --- Filters that submit themselves ------------------------------------ */
  document.addEventListener("change", function (e) {
    var el = e.target;
    if (!el.matches || !el.matches("select[data-autosubmit], input[data-autosubmit]")) return;
    var form = el.form;
    if (!form) return;
    // requestSubmit fires the submit event, so htmx forms and data-confirm work too.
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  });

  /* --- Trix: no attached files in the body (pictures are uploaded apart) --- */
  document.addEventListener("trix-file-accept", function (e) {
    e.preventDefault();
  });

  /* --- Charts -------------------------------------------------------------- */
  // A sober palette: procuracy red, gold, slate, green, blue, grey, brown, teal.
  var PALETTE = ["#a50e0e", "#d4a017", "#44546a", "#1e6b2e", "#0b4a8b", "#8c8c8c", "#7a4b1e", "#2a7f7f"];

  function colour(i) { return PALETTE[i % PALETTE.length]; }

  function drawChart(canvas) {
    if (canvas.getAttribute("data-chart-ready")) return;
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source) return;
    var spec;
    try { spec = JSON.parse(source.textContent); } catch (err) { return; }
    var type = spec.type || "bar";
    var round = type === "doughnut" || type === "pie";

    var datasets = (spec.datasets || []).map(function (ds, i) {
      var d = Object.assign({}, ds);
      if (round) {
        // One colour per slice, white gaps between them.
        if (!d.backgroundColor) d.backgroundColor = (d.data || []).map(function (_, j) { return colour(j); });
        if (!d.borderColor) d.borderColor = "#fff";
      } else {
        if (!d.backgroundColor) d.backgroundColor = colour(i);
        if (!d.borderColor) d.borderColor = colour(i);
        if (type === "line") {
          if (d.fill === undefined) d.fill = false;
          if (d.tension === undefined) d.tension = 0.2;
        }
      }
      return d;
    });

    // A canvas inside a sized .chart box fills it; otherwise it keeps its aspect ratio.
    var inBox = canvas.parentElement && canvas.parentElement.classList.contains("chart");
    var options = {
      responsive: true,
      maintainAspectRatio: !inBox,
      locale: "vi-VN",
      animation: false, // figures for a meeting, not a show; and print and screenshots see the final chart
      plugins: {
        legend: { position: "bottom", display: round || datasets.length > 1 }
      }
    };
    // Counts have whole-number ticks; percentages a 0–100 % axis.
    if (!round) options.scales = { y: spec.percent
      ? { min: 0, max: 100, ticks: { callback: function (v) { return v + " %"; } } }
      : { beginAtZero: true, ticks: { precision: 0 } } };
    if (spec.options) Object.assign(options, spec.options);

    if (!canvas.hasAttribute("role")) canvas.setAttribute("role", "img");
    canvas.setAttribute("data-chart-ready", "1");
    new window.Chart(canvas, { type: type, data: { labels: spec.labels || [], datasets: datasets }, options: options });
  }

  function initCharts(root) {
    if (!window.Chart || !root || !root.querySelectorAll) return;
    var C = window.Chart;
    C.defaults.font.family = '"Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';
    C.defaults.color = "#1f2328";
    var list = root.querySelectorAll("canvas[data-chart]");
    for (var i = 0; i < list.length; i++) drawChart(list[i]);
    if (root.matches && root.matches("canvas[data-chart]")) drawChart(root);
  }

  /* --- Start-up, and again for each piece of content htmx loads ------------ */
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { initCharts(document); });
  } else {
    initCharts(document);
  }
  document.addEventListener("htmx:load", function (e) { initCharts(e.target); });

  // Free a chart before htmx removes its canvas.
  document.addEventListener("htmx:beforeCleanupElement", function (e) {
    var el = e.target;
    if (window.Chart && el.matches && el.matches("canvas[data-chart-ready]")) {
      var chart = window.Chart.getChart(el);
      if (chart) chart.destroy();
    }
  });
})();

/* --- Print buttons: <button data-print> prints the page (reports, notices). --- */
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    var el = e.target.closest && e.target.closest("[data-print]");
    if (!el) return;
    e.preventDefault();
    window.print();
  });
})();

/* --- Accessibility: each field error is tied to its field. -------------------
 * The server writes <p class="field-error" id="err-NAME" data-field="NAME">; here
 * the control named NAME in the same form gets aria-invalid="true" and the
 * message's id in aria-describedby (kept beside a hint's id), so a screen reader
 * reads the error with the field. The summary above the form is role="alert". */
(function () {
  "use strict";
  function tie(root) {
    root.querySelectorAll("p.field-error[data-field]").forEach(function (p) {
      var form = p.closest("form") || document;
      var name = p.getAttribute("data-field");
      var el = form.querySelector('[name="' + name.replace(/"/g, "") + '"]:not([type=hidden])') || document.getElementById(name);
      if (!el) return;
      el.setAttribute("aria-invalid", "true");
      var ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
      if (ids.indexOf(p.id) < 0) ids.push(p.id);
      el.setAttribute("aria-describedby", ids.join(" "));
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { tie(document); });
  } else {
    tie(document);
  }
  document.addEventListener("htmx:load", function (e) { tie(e.target); });
})();

/* --- Daily work (issue 16): the public header's menu button, an article's tools.
 * Without script the menu button is a link to the menu (shown by :target) and the
 * share links still work; the tools that need script are hidden until it runs. --- */
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }
  var SIZES = ["1rem", "1.125rem", "1.3rem"]; // smaller, default, larger steps below
  function applySize(step) {
    var body = document.getElementById("item-body");
    if (!body) return;
    body.style.fontSize = step === 0 ? "" : (step < 0 ? SIZES[0] : SIZES[2]);
  }
  ready(function () {
    document.querySelectorAll(".needs-js[hidden]").forEach(function (el) { el.hidden = false; });
    var saved = 0;
    try { saved = parseInt(localStorage.getItem("loa.textSize") || "0", 10) || 0; } catch (e) { /* private mode */ }
    applySize(saved);
  });
  document.addEventListener("click", function (e) {
    var t = e.target.closest ? e.target : null;
    if (!t) return;
    var menu = t.closest("#menu-button");
    if (menu) {
      e.preventDefault();
      var open = document.body.classList.toggle("menu-open");
      menu.setAttribute("aria-expanded", open ? "true" : "false");
      return;
    }
    var copy = t.closest("[data-copy-link]");
    if (copy) {
      var url = copy.getAttribute("data-copy-link") || location.href;
      var done = function () { copy.textContent = copy.getAttribute("data-copied") || copy.textContent; };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(url).then(done, function () { window.prompt("", url); });
      else window.prompt("", url);
      return;
    }
    var size = t.closest("[data-text-size]");
    if (size) {
      var step = parseInt(size.getAttribute("data-text-size"), 10) || 0;
      applySize(step);
      try { localStorage.setItem("loa.textSize", String(step)); } catch (err) { /* private mode */ }
    }
  });
})();

/* --- Accessibility: a table that scrolls inside its .table-wrap can be scrolled
 * from the keyboard (WCAG 2.1.1). While its content overflows, the wrapper is a
 * tab stop and a named region (the table's caption, else the heading before it);
 * when it fits, it is neither, so short tables add no tab stop. Checked at start,
 * on each htmx swap and on each resize (cheap: one read per wrapper). --- */
(function () {
  "use strict";
  function name(wrap) {
    var cap = wrap.querySelector("caption");
    if (cap) return cap.textContent.trim();
    for (var el = wrap.previousElementSibling; el; el = el.previousElementSibling) {
      if (/^H[1-6]$/.test(el.tagName)) return el.textContent.trim();
    }
    var h = document.querySelector("main h1");
    return h ? h.textContent.trim() : "";
  }
  function mark(root) {
    (root || document).querySelectorAll(".table-wrap").forEach(function (w) {
      var scrolls = w.scrollWidth > w.clientWidth + 1 || w.scrollHeight > w.clientHeight + 1;
      if (scrolls && !w.hasAttribute("tabindex")) {
        w.setAttribute("tabindex", "0");
        w.setAttribute("role", "region");
        var n = name(w);
        if (n) w.setAttribute("aria-label", n);
      } else if (!scrolls && w.getAttribute("tabindex") === "0") {
        w.removeAttribute("tabindex");
        w.removeAttribute("role");
        w.removeAttribute("aria-label");
      }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { mark(document); });
  else mark(document);
  document.addEventListener("htmx:load", function () { mark(document); });
  window.addEventListener("resize", function () { mark(document); });
})();

/* --- Accessibility: Trix makes its toolbar buttons tabindex="-1" (reachable only
 * by its shortcuts); here each is a tab stop, so every control of the editor is
 * reachable with Tab (WCAG 2.1.1). --- */
document.addEventListener("trix-initialize", function (e) {
  "use strict";
  var bar = e.target.toolbarElement;
  if (bar) bar.querySelectorAll("button[tabindex='-1']").forEach(function (b) { b.setAttribute("tabindex", "0"); });
});

/*
 * The rich editor in place of the plain text area (issue 16): the item form has a
 * <textarea data-rich-editor="EDITOR-ID"> that works without script; once Trix is
 * defined, the text area becomes Trix's hidden input (same id and name) and the
 * editor, and the form's body_format says "html".
 */
(function () {
  "use strict";
  if (!window.customElements) return;

  function enrich(area) {
    if (!area.isConnected) return;
    var input = document.createElement("input");
    input.type = "hidden";
    input.id = area.id;
    input.name = area.name;
    input.value = area.value;
    var editor = document.createElement("trix-editor");
    editor.id = area.getAttribute("data-rich-editor");
    editor.setAttribute("input", area.id);
    editor.className = "trix-content";
    var label = document.querySelector('label[for="' + area.id + '"]');
    if (label) {
      label.htmlFor = editor.id;
      editor.setAttribute("aria-label", label.textContent.trim());
    }
    var format = area.form && area.form.querySelector("[data-body-format]");
    if (format) format.value = "html";
    area.replaceWith(input, editor);
  }

  function start() {
    var areas = document.querySelectorAll("textarea[data-rich-editor]");
    if (!areas.length) return;
    customElements.whenDefined("trix-editor").then(function () {
      areas.forEach(enrich);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

/*
 * Drafts kept while typing (issue 16): a <form data-draft="KEY"> is copied into
 * localStorage under KEY a moment after each change (the rich editor's too). When
 * the form is opened again and the copy differs from what the page shows, the copy
 * is put back and #draft-notice says so; its [data-draft-discard] button puts the
 * page's own text back and forgets the copy. A submit marks the key; the next page
 * that is not the same form again (the save went through) forgets the copy, so a
 * save refused, or one that met an ended session, keeps it.
 */
(function () {
  "use strict";
  var PENDING = "loa-draft-pending";
  var store;
  try { store = window.localStorage; store.getItem("x"); } catch (e) { return; }

  // The fields worth keeping: what a person types or picks, never files or passwords.
  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      if (!el.name || el.disabled) return false;
      if (el.type === "hidden") return el.name === "body"; // the rich editor's input
      return !/^(file|password|submit|button|checkbox|radio)$/.test(el.type);
    });
  }

  function collect(form) {
    var out = {}, seen = {};
    fields(form).forEach(function (el) {
      var i = seen[el.name] = (seen[el.name] || 0) + 1;
      out[el.name + "#" + i] = el.value;
    });
    return out;
  }

  function apply(form, values) {
    var seen = {};
    fields(form).forEach(function (el) {
      var i = seen[el.name] = (seen[el.name] || 0) + 1, v = values[el.name + "#" + i];
      if (v === undefined || v === el.value) return;
      el.value = v;
      // Trix reads its input when it starts; once started, it is told.
      var editor = el.type === "hidden" && el.id && document.querySelector('trix-editor[input="' + el.id + '"]');
      if (editor && editor.editor) editor.editor.loadHTML(v);
    });
  }

  function same(a, b) {
    for (var k in a) if (a[k] !== b[k]) return false;
    for (k in b) if (a[k] !== b[k]) return false;
    return true;
  }

  // A save that went through: the page after it is not the same form again.
  var pending = sessionStorage.getItem(PENDING);
  if (pending && !document.querySelector('form[data-draft="' + pending + '"]') && location.pathname !== "/login") {
    store.removeItem(pending);
    sessionStorage.removeItem(PENDING);
  }

  function start(form) {
    var key = form.getAttribute("data-draft");
    var page = collect(form), kept = null;
    try { kept = JSON.parse(store.getItem(key) || "null"); } catch (e) { kept = null; }
    var notice = document.getElementById("draft-notice");
    if (kept && kept.values && !same(kept.values, page)) {
      apply(form, kept.values);
      if (notice) {
        var when = notice.querySelector("[data-draft-time]");
        if (when) when.textContent = new Date(kept.at).toLocaleString("vi-VN");
        notice.hidden = false;
      }
    }
    if (notice) {
      var discard = notice.querySelector("[data-draft-discard]");
      if (discard) discard.addEventListener("click", function () {
        store.removeItem(key);
        apply(form, page);
        notice.hidden = true;
      });
    }
    var timer = 0;
    function save() {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var now = collect(form);
        try {
          if (same(now, page)) store.removeItem(key);
          else store.setItem(key, JSON.stringify({ at: Date.now(), values: now }));
        } catch (e) { /* full or refused: the form still works */ }
      }, 800);
    }
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    form.addEventListener("trix-change", save);
    form.addEventListener("submit", function () { sessionStorage.setItem(PENDING, key); });
  }

  function init() {
    document.querySelectorAll("form[data-draft]").forEach(function (form) {
      // After the rich editor has taken the text area's place, so the body is found.
      var started = false;
      function go() { if (!started) { started = true; start(form); } }
      if (window.customElements && form.querySelector("textarea[data-rich-editor]")) {
        customElements.whenDefined("trix-editor").then(function () { setTimeout(go, 0); });
        setTimeout(go, 3000); // the editor's script did not load: the plain text area is kept
      } else {
        go();
      }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
