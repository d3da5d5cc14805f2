/* widenet: small enhancements over pages that work without JavaScript.
 * - drag a card to another column of the board; a dialog asks the date (default today),
 *   then the move is posted like the card's own Move form and the card is replaced;
 * - a confirmation before forms marked data-confirm (undo);
 * - dismissable messages;
 * - Plotly charts: every [data-plotly] block holds its figure as JSON text in a <template>
 *   and is drawn here (pages with charts load /assets/plotly.min.js, from the plotly Python
 *   package); on a narrow screen their legends move below them, and they are redrawn at
 *   the paper's width for printing.
 * - copy buttons: [data-copy] names the field whose text they copy (an id, or a selector);
 * - panels marked [data-dismissable] (the board's schedule warnings) can be hidden until
 *   what they say changes: the attribute holds a digest of it, remembered in localStorage.
 * - sortable tables: in a table[data-sortable], each th[data-sort] heading becomes a button
 *   that sorts the first body's rows by that column's data-value (numbers or text).
 * - charts in a closed <details> are drawn when it opens (a hidden chart has no width).
 * No inline scripts: the Content-Security-Policy allows scripts from this server only.
 */
(function () {
  "use strict";

  var pending = null; // the card being dropped: {item, from, oldIndex, to}

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRF-Token"] || "";
    } catch (e) {
      return "";
    }
  }

  function say(html) {
    var flash = document.getElementById("flash");
    if (flash) flash.innerHTML = html;
  }

  function recount() {
    document.querySelectorAll(".board .column").forEach(function (column) {
      var count = column.querySelector("[data-count]");
      var list = column.querySelector("ol.cards");
      if (count && list) count.textContent = String(list.querySelectorAll(":scope > .card").length);
    });
  }

  function putBack() {
    if (!pending) return;
    var from = pending.from;
    from.insertBefore(pending.item, from.children[pending.oldIndex] || null);
    pending = null;
    recount();
  }

  function askDate(evt) {
    var dialog = document.getElementById("move-dialog");
    pending = { item: evt.item, from: evt.from, oldIndex: evt.oldIndex, to: evt.to };
    recount();
    if (!dialog || typeof dialog.showModal !== "function") {
      putBack();
      return;
    }
    dialog.querySelector("[data-company]").textContent = evt.item.dataset.company || "";
    dialog.querySelector("[data-stage-label]").textContent = evt.to.dataset.stageLabel || "";
    var error = dialog.querySelector("[data-error]");
    error.hidden = true;
    error.textContent = "";
    var on = dialog.querySelector("[name=on]");
    on.value = on.defaultValue;
    dialog.querySelector("[name=note]").value = "";
    dialog.showModal();
    on.focus();
  }

  function submitMove(dialog) {
    var move = pending;
    var error = dialog.querySelector("[data-error]");
    var body = new URLSearchParams();
    body.set("stage", move.to.dataset.stage);
    body.set("on", dialog.querySelector("[name=on]").value);
    body.set("note", dialog.querySelector("[name=note]").value);
    fetch(move.item.dataset.moveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-CSRF-Token": csrfToken(),
        "HX-Request": "true"
      },
      body: body
    })
      .then(function (response) {
        return response.text().then(function (html) {
          if (!response.ok) {
            error.innerHTML = html; // the server's escaped error partial
            error.hidden = false;
            return;
          }
          var holder = document.createElement("template");
          holder.innerHTML = html.trim();
          var card = holder.content.firstElementChild;
          move.item.replaceWith(card);
          if (window.htmx) window.htmx.process(card);
          pending = null;
          recount();
          dialog.close("moved");
          say('<p class="success">Moved ' + escapeText(card.dataset.company) + " to " +
            escapeText(move.to.dataset.stageLabel) + ".</p>");
        });
      })
      .catch(function () {
        error.textContent = "The server did not answer; nothing was changed.";
        error.hidden = false;
      });
  }

  function escapeText(text) {
    var span = document.createElement("span");
    span.textContent = text || "";
    return span.innerHTML;
  }

  function initDialog() {
    var dialog = document.getElementById("move-dialog");
    if (!dialog || dialog.dataset.ready) return;
    dialog.dataset.ready = "1";
    dialog.querySelector("form").addEventListener("submit", function (event) {
      if (event.submitter && event.submitter.value === "confirm") {
        event.preventDefault();
        if (dialog.querySelector("[name=on]").reportValidity()) submitMove(dialog);
      }
    });
    dialog.addEventListener("close", function () {
      if (dialog.returnValue !== "moved") putBack();
      dialog.returnValue = "";
    });
  }

  function initBoard(root) {
    if (!window.Sortable) return;
    root.querySelectorAll("ol.cards[data-stage]").forEach(function (list) {
      if (list.dataset.sortable) return;
      list.dataset.sortable = "1";
      window.Sortable.create(list, {
        group: "board",
        sort: false, // the order within a column is derived (interviews first, longest wait)
        animation: 150,
        draggable: ".card",
        filter: "a, summary, select, input, button, label, .move form",
        preventOnFilter: false,
        ghostClass: "card-ghost",
        chosenClass: "card-chosen",
        onAdd: askDate
      });
    });
    initDialog();
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-dismiss]");
    if (button) say("");
  });

  function dismissKey(panel) {
    return "widenet:dismissed:" + (panel.id || "panel");
  }

  function initPanels(root) {
    root.querySelectorAll("[data-dismissable]").forEach(function (panel) {
      var button = panel.querySelector("[data-dismiss-panel]");
      if (button) button.hidden = false;
      try {
        if (window.localStorage.getItem(dismissKey(panel)) === panel.dataset.dismissable) {
          panel.hidden = true;
        }
      } catch (e) {
        /* storage may be off: the panel simply stays */
      }
    });
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target : null;
    if (!target) return;
    var copy = target.closest("[data-copy]");
    if (copy) {
      copyText(copy);
      return;
    }
    var hide = target.closest("[data-dismiss-panel]");
    if (hide) {
      var panel = hide.closest("[data-dismissable]");
      if (!panel) return;
      panel.hidden = true;
      try {
        window.localStorage.setItem(dismissKey(panel), panel.dataset.dismissable);
      } catch (e) {
        /* hidden for this page only */
      }
    }
  });

  var NARROW = 640; // px: below this a legend beside the chart would squeeze the plot
  var PAPER = 680; // px: the width of an A4 or Letter page inside its margins

  // Break a long title into lines of at most ``limit`` characters (markup left as it is).
  function wrap(text, limit) {
    var lines = [];
    text.split("<br>").forEach(function (part) {
      if (part.indexOf("<") !== -1 || part.length <= limit) {
        lines.push(part);
        return;
      }
      var line = "";
      part.split(" ").forEach(function (word) {
        if (line && (line + " " + word).length > limit) {
          lines.push(line);
          line = word;
        } else {
          line = line ? line + " " + word : word;
        }
      });
      if (line) lines.push(line);
    });
    return lines;
  }

  // On a narrow screen: the title wraps, the legend goes below the chart, which grows to
  // keep its plot area.
  function narrow(plot, figure) {
    var layout = figure.layout || {};
    var width = plot.clientWidth;
    if (!width || width >= NARROW) return layout;
    var entries = (figure.data || []).filter(function (trace) {
      return trace.name && trace.showlegend !== false;
    }).length;
    var title = layout.title || {};
    var text = String(title.text || "");
    var lines = wrap(text, Math.floor(width / 8));
    var added = lines.length - text.split("<br>").length;
    var margin = layout.margin || {};
    return Object.assign({}, layout, {
      height: (layout.height || 420) + 22 * entries + 20 * added,
      title: Object.assign({}, title, { text: lines.join("<br>") }),
      margin: Object.assign({}, margin, { l: 56, r: 12, t: (margin.t || 70) + 20 * added }),
      legend: Object.assign({}, layout.legend, {
        orientation: "h", x: 0, y: 0, yref: "container", yanchor: "bottom"
      })
    });
  }

  function eachChart(action) {
    if (typeof window.Plotly === "undefined") return;
    document.querySelectorAll("[data-plotly][data-drawn]").forEach(action);
  }

  // The screen's width is not the paper's: redraw each chart to fit the page, and back after.
  window.addEventListener("beforeprint", function () {
    eachChart(function (plot) {
      window.Plotly.relayout(plot, { width: Math.min(PAPER, plot.clientWidth || PAPER) });
    });
  });
  window.addEventListener("afterprint", function () {
    eachChart(function (plot) {
      window.Plotly.relayout(plot, { width: null, autosize: true });
    });
  });

  function copied(button, message) {
    var note = button.parentNode && button.parentNode.querySelector("[data-copied]");
    if (note) note.hidden = false;
    var status = button.parentNode.querySelector("[data-copy-status]") ||
      (button.closest(".field, section") || document).querySelector("[data-copy-status]");
    if (status) status.textContent = message || "Copied.";
    else if (!message) button.textContent = "Copied";
  }

  function copyText(button) {
    var ref = button.dataset.copy || "";
    var field = document.getElementById(ref.replace(/^#/, "")) || document.querySelector(ref);
    if (!field) return;
    var text = field.value !== undefined ? field.value : field.textContent;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { copied(button); }, function () {
        selectAndCopy(field, button);
      });
    } else {
      selectAndCopy(field, button);
    }
  }

  function selectAndCopy(field, button) {
    // Without the clipboard API (plain http on another host): select the text and copy it.
    field.focus();
    if (field.select) field.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    copied(button, ok ? "" : "Selected: press Ctrl+C (⌘C) to copy.");
  }

  function drawCharts(root) {
    if (typeof window.Plotly === "undefined") return;
    root.querySelectorAll("[data-plotly]").forEach(function (plot) {
      if (plot.dataset.drawn || plot.closest("details:not([open])")) return;
      var source = plot.querySelector("template.figure-data");
      if (!source) return;
      var figure;
      try {
        figure = JSON.parse(source.content.textContent);
      } catch (e) {
        plot.textContent = "This chart could not be read.";
        return;
      }
      var layout = narrow(plot, figure);
      if (plot.dataset.height) layout.height = Number(plot.dataset.height);
      plot.dataset.drawn = "yes";
      window.Plotly.newPlot(plot, figure.data || [], layout, {
        responsive: true,
        displaylogo: false,
        modeBarButtonsToRemove: ["sendDataToCloud"]
      });
    });
  }

  function initSorting(root) {
    root.querySelectorAll("table[data-sortable] th[data-sort]").forEach(function (head) {
      if (head.querySelector("button.sort")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (head.firstChild) button.appendChild(head.firstChild);
      head.appendChild(button);
    });
  }

  function sortBy(head) {
    var table = head.closest("table");
    var body = table && table.tBodies[0];
    if (!body) return;
    var column = Array.prototype.indexOf.call(head.parentNode.children, head);
    var numeric = head.dataset.sort === "number";
    var descending = head.getAttribute("aria-sort") !== "descending";
    var rows = Array.prototype.slice.call(body.rows).filter(function (row) {
      return row.cells.length > column;
    });
    function key(row) {
      var cell = row.cells[column];
      var value = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent;
      return numeric ? Number(value) : String(value).trim();
    }
    rows.sort(function (a, b) {
      var x = key(a);
      var y = key(b);
      var order = numeric ? x - y : String(x).localeCompare(String(y));
      return descending ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    head.parentNode.querySelectorAll("th[aria-sort]").forEach(function (other) {
      other.removeAttribute("aria-sort");
    });
    head.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("th[data-sort] button.sort");
    if (button) sortBy(button.closest("th"));
  });

  // A <details> opening shows the charts inside it: draw them now that they have a width.
  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (details.tagName === "DETAILS" && details.open) drawCharts(details);
  }, true);

  function init(root) {
    initBoard(document);
    initPanels(root);
    initSorting(root);
    drawCharts(root);
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    init(event.target && event.target.querySelectorAll ? event.target : document);
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }
})();
