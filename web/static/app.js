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
 *   <trix-editor>                            refuses dropped files (see the editor below)
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

  /* --- Trix: no file dropped or pasted into the body: a picture goes in through the
   * toolbar's "Chèn ảnh" dialog (below), which asks for its text alternative. --- */
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
 *
 * Trix is set up from the page first (configure): the toolbar is the page's
 * <template id="editor-toolbar">, written in the page's language, with two heading
 * levels (Trix's heading1 writes h2 here, heading2 h3: the title is the page's h1),
 * lists, quote, link and "Chèn ảnh"; a picture's caption is what the writer typed,
 * never its file's name. A stored body's pictures (<figure><img alt><figcaption>,
 * as the sanitizer keeps them) are handed to Trix as its attachments, so that their
 * alt and caption survive an edit.
 */
(function () {
  "use strict";
  if (!window.customElements) return;

  var configured = false;
  function configure() {
    if (configured || !window.Trix) return;
    configured = true;
    var cfg = window.Trix.config;
    cfg.blockAttributes.heading1.tagName = "h2";
    cfg.blockAttributes.heading2 = { tagName: "h3", terminal: true, breakOnReturn: true, group: false };
    cfg.attachments.preview.caption = { name: false, size: false };
    var tpl = document.getElementById("editor-toolbar");
    if (!tpl) return;
    var html = tpl.innerHTML, d = tpl.dataset;
    cfg.toolbar.getDefaultHTML = function () { return html; };
    if (d.captionPlaceholder) cfg.lang.captionPlaceholder = d.captionPlaceholder;
    if (d.remove) cfg.lang.remove = d.remove;
    if (d.url) cfg.lang.url = d.url;
    if (d.urlPlaceholder) cfg.lang.urlPlaceholder = d.urlPlaceholder;
    if (d.bytes) { cfg.lang.bytes = d.bytes; cfg.lang.byte = d.bytes; }
  }

  // figureHTML is a picture as Trix's attachment markup: Trix keeps alt, size and
  // caption with it, and writes <figure><img alt width height><figcaption>.
  function figureHTML(a, caption) {
    var fig = document.createElement("figure");
    fig.setAttribute("data-trix-attachment", JSON.stringify({ contentType: "image", url: a.url, alt: a.alt || "", width: a.width || undefined, height: a.height || undefined }));
    fig.setAttribute("data-trix-content-type", "image");
    fig.setAttribute("data-trix-attributes", JSON.stringify(caption ? { caption: caption, presentation: "gallery" } : { presentation: "gallery" }));
    return fig.outerHTML;
  }
  window.loaFigureHTML = figureHTML; // the picture dialog below inserts with it

  // toTrix rewrites a stored body's pictures as Trix attachments (in an inert
  // template: nothing is loaded while it is read).
  function toTrix(html) {
    if (html.indexOf("<figure") < 0 && html.indexOf("<img") < 0) return html;
    var t = document.createElement("template");
    t.innerHTML = html;
    t.content.querySelectorAll("img").forEach(function (img) {
      var fig = img.closest("figure");
      if (fig && fig.hasAttribute("data-trix-attachment")) return;
      var cap = fig && fig.querySelector("figcaption");
      var out = document.createElement("template");
      out.innerHTML = figureHTML({ url: img.getAttribute("src"), alt: img.getAttribute("alt"),
        width: parseInt(img.getAttribute("width"), 10), height: parseInt(img.getAttribute("height"), 10) }, cap ? cap.textContent.trim() : "");
      (fig || img).replaceWith(out.content);
    });
    return t.innerHTML;
  }

  function enrich(area) {
    if (!area.isConnected) return;
    configure();
    var input = document.createElement("input");
    input.type = "hidden";
    input.id = area.id;
    input.name = area.name;
    input.value = toTrix(area.value);
    var editor = document.createElement("trix-editor");
    editor.id = area.getAttribute("data-rich-editor");
    editor.setAttribute("input", area.id);
    editor.className = "trix-content";
    if (area.dataset.pictureUpload) editor.dataset.pictureUpload = area.dataset.pictureUpload;
    var label = document.querySelector('label[for="' + area.id + '"]');
    if (label) {
      label.htmlFor = editor.id;
      editor.setAttribute("aria-label", label.textContent.trim());
    }
    var hint = area.getAttribute("aria-describedby");
    if (hint) editor.setAttribute("aria-describedby", hint);
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
 * Trix's toolbar acts on mousedown: a button pressed with Enter or Space (a click
 * with no mouse, detail 0) did nothing, and the click itself is cancelled by Trix.
 * Such a click is given the mousedown Trix waits for, so that every button, the
 * link dialog's included, works from the keyboard (WCAG 2.1.1).
 */
document.addEventListener("click", function (e) {
  "use strict";
  if (e.detail !== 0 || !e.target.closest) return;
  var b = e.target.closest("trix-toolbar button[data-trix-action], trix-toolbar button[data-trix-attribute]");
  if (b) b.dispatchEvent(new MouseEvent("mousedown", { bubbles: true, cancelable: true, view: window }));
}, true);

/*
 * The editor's toolbar, once Trix has drawn it: without an address to upload to (a
 * new item, not saved yet) there is no "Chèn ảnh" button (the form's hint says why).
 */
document.addEventListener("trix-initialize", function (e) {
  "use strict";
  var bar = e.target.toolbarElement;
  if (!bar) return;
  var pics = bar.querySelector(".loa-picture-tools");
  if (pics && !e.target.dataset.pictureUpload) pics.hidden = true;
});

/*
 * "Chèn ảnh": the button opens <dialog id="picture-dialog"> (a modal: Tab stays in
 * it, Esc closes it and the focus goes back to the button). The picture is uploaded
 * to the editor's data-picture-upload address, then inserted where the cursor was,
 * with the alt the dialog requires and the caption; a refused upload keeps the
 * dialog open and says why (role=alert).
 */
(function () {
  "use strict";
  var editorEl = null;

  function dialog() { return document.getElementById("picture-dialog"); }

  function fail(msg) {
    var p = document.getElementById("picture-error");
    p.textContent = msg;
    p.hidden = false;
  }

  document.addEventListener("click", function (e) {
    var btn = e.target.closest && e.target.closest("[data-loa-picture]");
    var d = dialog();
    if (!btn || !d) return;
    e.preventDefault();
    var bar = btn.closest("trix-toolbar");
    editorEl = bar && document.querySelector('trix-editor[toolbar="' + bar.id + '"]');
    if (!editorEl || !editorEl.dataset.pictureUpload) return;
    d.querySelector("form").reset();
    document.getElementById("picture-error").hidden = true;
    d.showModal();
  });

  document.addEventListener("click", function (e) {
    if (e.target.id === "picture-cancel") dialog().close();
  });

  // Trix thaws its selection when the editor gets the focus back.
  document.addEventListener("close", function (e) {
    if (e.target === dialog() && editorEl) editorEl.focus();
  }, true);

  document.addEventListener("submit", function (e) {
    if (e.target.id !== "picture-form") return;
    e.preventDefault();
    var file = document.getElementById("picture-file").files[0];
    var alt = document.getElementById("picture-alt").value.trim();
    var caption = document.getElementById("picture-caption").value.trim();
    // The fields are required: the browser says so before a submit gets here.
    if (!file) { document.getElementById("picture-file").focus(); return; }
    if (!alt) { document.getElementById("picture-alt").focus(); return; }
    var body = new FormData();
    body.append("picture", file);
    body.append("caption", caption);
    var submit = document.getElementById("picture-insert");
    submit.disabled = true;
    fetch(editorEl.dataset.pictureUpload, { method: "POST", body: body, credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (res) {
        return res.json().then(function (j) { return { ok: res.ok, j: j }; }, function () { return { ok: false, j: {} }; });
      })
      .then(function (r) {
        submit.disabled = false;
        if (!r.ok || !r.j.url) { fail(r.j.error || dialog().dataset.failed); return; }
        var ed = editorEl.editor, range = ed.getSelectedRange();
        // A picture goes in at the cursor; it never replaces selected text.
        if (range && range[0] !== range[1]) ed.setSelectedRange([range[1], range[1]]);
        ed.insertHTML(window.loaFigureHTML({ url: r.j.url, alt: alt, width: r.j.width, height: r.j.height }, caption));
        dialog().close();
      }, function () {
        submit.disabled = false;
        fail(dialog().dataset.failed);
      });
  });
})();

/*
 * Word's HTML pasted into the editor is cleaned before Trix reads it, so that what
 * the writer sees is what will be stored (the server cleans it again, the same way:
 * sanitize/word.go): Word's list paragraphs become lists without their typed
 * bullets, its quotes blockquotes; styles, classes, fonts, spans, o:p, comments
 * and conditional parts go.
 */
(function () {
  "use strict";
  var LEVEL = /mso-list:\s*l\d+\s+level(\d)/, ORDINAL = /^\(?([0-9]+|[a-zA-Z]|[ivxlcdmIVXLCDM]+)[.)]$/;

  function fromWord(html) {
    return /mso-|class="?Mso|<o:p|urn:schemas-microsoft-com:office/.test(html);
  }

  function level(el) {
    var m = el.tagName === "P" && LEVEL.exec(el.getAttribute("style") || "");
    return m ? parseInt(m[1], 10) : 0;
  }

  function clean(html) {
    // Word's "supportLists" parts and conditional comments hold bullets and VML.
    html = html.replace(/<!\[if !supportLists\]>[\s\S]*?<!\[endif\]>/g, function (m) {
      var glyph = m.replace(/<[^>]*>/g, "").replace(/&nbsp;|\u00a0/g, " ").trim().split(/\s+/)[0] || "";
      return '<span data-word-marker="' + glyph.replace(/[^0-9A-Za-z.()]/g, "") + '"></span>';
    }).replace(/<!--\[if[\s\S]*?<!\[endif\]-->/g, "").replace(/<!\[if[^>]*>|<!\[endif\]>/g, "");
    var doc = new DOMParser().parseFromString(html, "text/html");
    var body = doc.body;
    body.querySelectorAll("style, script, meta, link, xml, title").forEach(function (el) { el.remove(); });
    // Word's pictures point at its temporary files: they would show as broken
    // pictures and be dropped on saving. They go in again through "Chèn ảnh".
    body.querySelectorAll("img").forEach(function (img) {
      if (!/^\/media\/\d+(\/site)?$/.test(img.getAttribute("src") || "")) img.remove();
    });
    // Lists: runs of list paragraphs, nested by level.
    Array.prototype.slice.call(body.querySelectorAll("p")).forEach(function (p) {
      if (!p.isConnected || !level(p)) return;
      var prev = p.previousElementSibling;
      if (prev && level(prev)) return; // not the first of its run
      var stack = [], root = null, el = p;
      while (el && level(el)) {
        var next = el.nextElementSibling, lv = level(el);
        var mk = el.querySelector("[data-word-marker]");
        var ordered = mk && ORDINAL.test(mk.getAttribute("data-word-marker"));
        if (mk) mk.remove();
        while (stack.length > lv) stack.pop();
        while (stack.length < lv) {
          var list = doc.createElement(ordered ? "ol" : "ul");
          if (!stack.length) root = list;
          else {
            var last = stack[stack.length - 1].lastElementChild;
            if (!last) { last = doc.createElement("li"); stack[stack.length - 1].appendChild(last); }
            last.appendChild(list);
          }
          stack.push(list);
        }
        var li = doc.createElement("li");
        while (el.firstChild) li.appendChild(el.firstChild);
        stack[stack.length - 1].appendChild(li);
        if (el === p) p.replaceWith(root); else el.remove();
        el = next;
      }
    });
    body.querySelectorAll("p").forEach(function (p) {
      if (/^Mso(Intense)?Quote$/i.test(p.className)) {
        var q = doc.createElement("blockquote");
        while (p.firstChild) q.appendChild(p.firstChild);
        p.replaceWith(q);
      }
    });
    // Headings as the sanitizer has them: h2 and h3 under the title (the editor's
    // heading1 writes h2, so an h1 would not be read as a heading at all).
    body.querySelectorAll("h1, h4, h5, h6").forEach(function (h) {
      var n = doc.createElement(h.tagName === "H1" ? "h2" : "h3");
      while (h.firstChild) n.appendChild(h.firstChild);
      h.replaceWith(n);
    });
    // Wrappers without meaning: their content stays.
    body.querySelectorAll("span, font, o\\:p, a:not([href])").forEach(function (el) { el.replaceWith.apply(el, Array.prototype.slice.call(el.childNodes)); });
    body.querySelectorAll("*").forEach(function (el) {
      ["style", "class", "lang", "align", "face", "size", "color"].forEach(function (a) { el.removeAttribute(a); });
    });
    body.querySelectorAll("p").forEach(function (p) { if (!p.textContent.replace(/\u00a0/g, " ").trim() && !p.querySelector("img")) p.remove(); });
    return body.innerHTML;
  }
  window.loaCleanWord = clean; // for the browser tests

  document.addEventListener("trix-before-paste", function (e) {
    var paste = e.paste;
    if (paste && paste.type === "text/html" && paste.html && fromWord(paste.html)) paste.html = clean(paste.html);
  });
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
