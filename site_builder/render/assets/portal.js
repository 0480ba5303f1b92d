/* The portal's one script: draws the Plotly figures a page carries as JSON, follows the
 * light/dark palette, makes the data tables sortable/filterable/paginated, and runs the
 * compare page. Survives Material's instant navigation through `document$`.
 * Everything from the data is put into the page with textContent/attributes, never as HTML;
 * Plotly renders a subset of HTML in labels, so labels are entity-escaped before plotting. */
(function () {
  "use strict";

  var here = document.currentScript ? document.currentScript.src : "";
  var assetBase = here ? here.replace(/[^/]*$/, "") : "";
  var plotlyReady = null;
  var jsonCache = {};

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(s);
    });
  }

  function ensurePlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!plotlyReady) {
      plotlyReady = loadScript(assetBase + "plotly-basic.min.js")
        .then(function () { return loadScript(assetBase + "plotly-locale-zh-cn.js"); })
        .then(function () { return window.Plotly; });
    }
    return plotlyReady;
  }

  /* One fetch per address for the page's life; `read` turns the response into the value. */
  function fetchOnce(url, read) {
    var abs = new URL(url, location.href).href;
    if (!jsonCache[abs]) {
      jsonCache[abs] = fetch(abs).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + abs);
        return read(r);
      });
    }
    return jsonCache[abs];
  }

  function getJSON(url) {
    return fetchOnce(url, function (r) { return r.json(); });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /* A chart's drawing is hidden from screen readers: its data table below says the same in order.
   * Plotly's tool buttons stay reachable (they are outside its SVGs). */
  function hideDrawing(plot) {
    plot.querySelectorAll("svg.main-svg").forEach(function (svg) { svg.setAttribute("aria-hidden", "true"); });
    return plot;
  }

  /* The text of the heading a generated block sits under, to name a scrolling table after it. */
  function sectionTitle(node) {
    for (var n = node.previousElementSibling; n; n = n.previousElementSibling) {
      if (/^H[1-6]$/.test(n.tagName)) return n.textContent.trim();
    }
    return "数据";
  }

  /* A shown data table may scroll sideways on a phone: it then takes keyboard focus and a name.
   * Hidden (read by screen readers only), it is no keyboard stop. */
  function showTable(wrap, show) {
    wrap.classList.toggle("portal-sr-only", !show);
    if (show) {
      var caption = wrap.querySelector("caption");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("aria-label", (caption ? caption.textContent : "图表") + "（数据表）");
    } else {
      ["role", "tabindex", "aria-label"].forEach(function (a) { wrap.removeAttribute(a); });
    }
  }

  function plotSafe(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function fmtNum(v) {
    if (v === null || v === undefined || v === "") return "—";
    if (typeof v === "number" && Math.abs(v) >= 10000 && Number.isInteger(v)) return v.toLocaleString("en-US");
    return String(v);
  }

  function fmtPct(v) {
    return (v === null || v === undefined) ? "—" : (v * 100).toFixed(1) + "%";
  }

  /* ---- charts ------------------------------------------------------------------- */

  function themeLayout() {
    var style = getComputedStyle(document.body);
    var fg = style.getPropertyValue("--md-default-fg-color").trim() || "#333";
    var grid = style.getPropertyValue("--md-default-fg-color--lightest").trim() || "#ddd";
    var axis = { color: fg, gridcolor: grid, zerolinecolor: grid, linecolor: grid };
    return {
      paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)",
      font: { color: fg, size: 13, family: "system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif" },
      xaxis: axis, yaxis: axis, legend: { font: { color: fg } }
    };
  }

  function merged(layout) {
    var theme = themeLayout();
    var out = Object.assign({}, layout, { paper_bgcolor: theme.paper_bgcolor, plot_bgcolor: theme.plot_bgcolor, font: theme.font });
    ["xaxis", "yaxis"].forEach(function (k) { out[k] = Object.assign({}, layout[k] || {}, theme[k]); });
    out.legend = Object.assign({}, layout.legend || {}, theme.legend);
    return out;
  }

  // topojsonURL: plotly's default points at its CDN (for geo maps, which this bundle lacks);
  // pinned to the site so no default can ever send a request elsewhere.
  var plotConfig = { locale: "zh-CN", displaylogo: false, responsive: true, showLink: false,
    showSendToCloud: false, topojsonURL: assetBase,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines"] };

  function csvHref(header, rows) {
    var csv = [header].concat(rows).map(function (r) {
      return r.map(function (v) {
        var s = v === null || v === undefined ? "" : String(v);
        if (/^[=+\-@\t\r]/.test(s) && typeof v === "string") s = "'" + s;
        return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
      }).join(",");
    }).join("\n");
    return "data:text/csv;charset=utf-8," + encodeURIComponent("\ufeff" + csv + "\n");
  }

  /* The chart's data table (read by screen readers; shown on request) and its CSV download,
   * made from the rows the chart is drawn from: the page carries each number once. */
  function chartExtras(box, title, spec) {
    if (box.querySelector(".portal-chart-tools") || !spec.header) return;
    var tools = el("div", { "class": "portal-chart-tools" });
    tools.appendChild(el("button", { type: "button", "class": "portal-table-toggle", "aria-expanded": "false" }, "显示数据表"));
    tools.appendChild(el("a", { "class": "portal-csv", download: (box.dataset.file || box.id || "chart") + ".csv",
      href: csvHref(spec.header, spec.rows) }, "下载 CSV"));
    box.appendChild(tools);
    var wrap = el("div", { "class": "portal-chart-table portal-sr-only", "data-search-exclude": "" });
    var table = el("table");
    table.appendChild(el("caption", {}, title));
    var thead = el("thead"), tr = el("tr");
    spec.header.forEach(function (h) { tr.appendChild(el("th", { scope: "col" }, h)); });
    thead.appendChild(tr);
    table.appendChild(thead);
    var tbody = el("tbody");
    spec.rows.forEach(function (r) {
      var row = el("tr");
      r.forEach(function (v, i) { row.appendChild(i ? el("td", { "class": "num" }, fmtNum(v)) : el("th", { scope: "row" }, v)); });
      tbody.appendChild(row);
    });
    table.appendChild(tbody);
    wrap.appendChild(table);
    box.appendChild(wrap);
  }

  function drawCharts(root) {
    var boxes = Array.prototype.slice.call(root.querySelectorAll(".portal-chart-box"));
    var pending = boxes.filter(function (b) { return !b.dataset.drawn; });
    if (!pending.length) return Promise.resolve();
    var specs = pending.map(function (box) {
      var script = box.querySelector("script.portal-figure");
      var spec = script ? JSON.parse(script.textContent) : null;
      var caption = box.querySelector("figcaption");
      if (spec) chartExtras(box, caption ? caption.textContent : "图表", spec);
      return spec;
    });
    return ensurePlotly().then(function (Plotly) {
      pending.forEach(function (box, i) {
        var spec = specs[i];
        var target = box.querySelector(".portal-chart");
        if (!spec || !target || !box.isConnected) return;
        box.dataset.drawn = "1";
        Plotly.newPlot(target, spec.data, merged(spec.layout || {}), plotConfig).then(hideDrawing);
        target._portalLayout = spec.layout || {};
      });
    }).catch(function (err) {
      pending.forEach(function (box) {
        var target = box.querySelector(".portal-chart");
        if (target) target.textContent = "图表无法加载，请查看下方数据表。";
        var table = box.querySelector(".portal-chart-table");
        if (table) showTable(table, true);
      });
      if (window.console) console.warn(err);
    });
  }

  function retheme() {
    if (!window.Plotly) return;
    document.querySelectorAll(".portal-chart").forEach(function (div) {
      if (div._portalLayout && div.classList.contains("js-plotly-plot")) {
        window.Plotly.relayout(div, merged(div._portalLayout));
      }
    });
  }

  new MutationObserver(retheme).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest && ev.target.closest(".portal-table-toggle");
    if (!btn) return;
    var table = btn.closest(".portal-chart-box").querySelector(".portal-chart-table");
    var show = table.classList.contains("portal-sr-only");
    showTable(table, show);
    btn.setAttribute("aria-expanded", show ? "true" : "false");
    btn.textContent = show ? "隐藏数据表" : "显示数据表";
  });

  /* A chart box built in the browser (compare page), same shape as the server-rendered ones. */
  function chartBox(key, title, figure, header, rows, height) {
    var box = el("figure", { "class": "portal-chart-box", id: "chart-" + key, "data-file": "compare-" + key });
    box.appendChild(el("figcaption", {}, title));
    var script = el("script", { type: "application/json", "class": "portal-figure" });
    script.textContent = JSON.stringify({ data: figure.data, layout: figure.layout, header: header, rows: rows });
    box.appendChild(script);
    box.appendChild(el("div", { "class": "portal-chart", role: "group", style: "height:" + (height || 320) + "px",
      "aria-label": title + "（图表，数据见图下的数据表）" }));
    return box;
  }

  /* ---- data tables: filter, sort, paginate over the published JSON ---------------- */

  var PAGE = 50;

  function cellNode(col, row, root) {
    var v = row[col.key];
    if (col.type === "link") {
      var th = el("th", { scope: "row" });
      th.appendChild(el("a", { href: root + row.url }, v));
      return th;
    }
    if (col.type === "num") return el("td", { "class": "num" }, fmtNum(v));
    if (col.type === "pct") return el("td", { "class": "num" }, fmtPct(v));
    if (col.type === "cov") {
      var td = el("td", { "class": "cov" });
      td.appendChild(el("span", v ? { title: "有 " + col.label + " 年报告" } : { "class": "cov-none", title: "无 " + col.label + " 年报告" }, v ? "●" : "·"));
      return td;
    }
    if (col.type === "code") { var c = el("td"); c.appendChild(el("code", {}, v)); return c; }
    if (col.key === "rules") return el("td", {}, v || "通过");
    return el("td", {}, v === null || v === undefined ? "—" : v);
  }

  function tableSpec(kind, data, container) {
    if (kind === "summary") {
      var cols = JSON.parse(container.querySelector("script.portal-columns").textContent);
      return { rows: data.rows, columns: cols, text: ["agency", "region", "level", "kind", "year", "rules"] };
    }
    if (kind === "coverage") {  // data/index.json: [slug, agency, region, years] per agency
      var rows = data.agencies.map(function (a) {
        var row = { agency: a[1], region: a[2], url: "agencies/" + a[0] + "/" };
        a[3].forEach(function (y) { row["y" + y] = 1; });
        return row;
      });
      var columns = [{ key: "agency", label: "机关", type: "link" }].concat(data.years.map(function (y) {
        return { key: "y" + y, label: String(y), type: "cov" };
      }));
      return { rows: rows, columns: columns, text: ["agency", "region"] };
    }
    if (kind === "failing") {
      return { rows: data.failing, text: ["agency", "year", "rules", "source"], columns: [
        { key: "agency", label: "机关", type: "link" }, { key: "year", label: "年度" },
        { key: "rules", label: "未通过的规则" }, { key: "count", label: "处数", type: "num" },
        { key: "source", label: "来源文件", type: "code" }] };
    }
    return null;
  }

  function enhanceTable(container) {
    if (container.dataset.enhanced) return;
    container.dataset.enhanced = "1";
    var root = container.dataset.root || "";
    var kind = container.dataset.kind;
    getJSON(container.dataset.src).then(function (data) {
      var spec = tableSpec(kind, data, container);
      if (!spec || !spec.rows.length) return;
      var state = { filter: "", sort: null, dir: 1, page: 0 };
      var controls = el("div", { "class": "portal-table-controls" });
      var label = el("label", {}, "筛选：");
      var input = el("input", { type: "search", "class": "portal-input", placeholder: "输入机关名称、年度或规则编号" });
      label.appendChild(input);
      controls.appendChild(label);
      // A table of one year's rows (data/summary/<year>.json) can be switched to another year.
      var years = (container.dataset.years || "").split(" ").filter(Boolean);
      if (years.length > 1) {
        var yearLabel = el("label", {}, "年度：");
        var select = el("select", { "class": "portal-input" });
        years.slice().reverse().forEach(function (y) {
          var o = el("option", { value: y }, y + " 年");
          if (y === container.dataset.year) o.selected = true;
          select.appendChild(o);
        });
        select.addEventListener("change", function () {
          count.textContent = "正在载入……";
          getJSON(container.dataset.src.replace(/[^/]*\.json$/, select.value + ".json")).then(function (d) {
            spec.rows = tableSpec(kind, d, container).rows;
            state.page = 0;
            render();
          }).catch(function (err) { count.textContent = "载入失败：" + err.message; });
        });
        yearLabel.appendChild(select);
        controls.appendChild(yearLabel);
      }
      var count = el("span", { "class": "portal-table-count", role: "status" });
      controls.appendChild(count);
      var scroll = el("div", { "class": "portal-table-scroll", "data-search-exclude": "", role: "region", tabindex: "0",
        "aria-label": sectionTitle(container) + "（表格）" });
      var table = el("table", { "class": "portal-list portal-sortable" + (kind === "coverage" ? " portal-coverage" : "") });
      var thead = el("thead"), htr = el("tr");
      spec.columns.forEach(function (col) {
        var th = el("th", { scope: "col", "aria-sort": "none" });
        var b = el("button", { type: "button", "class": "portal-sort" }, col.label);
        b.addEventListener("click", function () {
          state.dir = state.sort === col.key ? -state.dir : (col.type === "num" || col.type === "pct" ? -1 : 1);
          state.sort = col.key;
          state.page = 0;
          thead.querySelectorAll("th").forEach(function (h) { h.setAttribute("aria-sort", "none"); });
          th.setAttribute("aria-sort", state.dir > 0 ? "ascending" : "descending");
          render();
        });
        th.appendChild(b);
        htr.appendChild(th);
      });
      thead.appendChild(htr);
      table.appendChild(thead);
      var tbody = el("tbody");
      table.appendChild(tbody);
      scroll.appendChild(table);
      var pager = el("nav", { "class": "portal-pager", "aria-label": "分页" });

      function visible() {
        var f = state.filter.trim().toLowerCase();
        var rows = !f ? spec.rows.slice() : spec.rows.filter(function (r) {
          return spec.text.some(function (k) { return String(r[k] === null || r[k] === undefined ? "" : r[k]).toLowerCase().indexOf(f) >= 0; });
        });
        if (state.sort) {
          var k = state.sort, d = state.dir;
          rows.sort(function (a, b) {
            var x = a[k], y = b[k];
            if (x === null || x === undefined) return 1;
            if (y === null || y === undefined) return -1;
            return (typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "zh-CN")) * d;
          });
        }
        return rows;
      }

      function render() {
        var rows = visible();
        var pages = Math.max(1, Math.ceil(rows.length / PAGE));
        state.page = Math.min(state.page, pages - 1);
        tbody.textContent = "";
        rows.slice(state.page * PAGE, (state.page + 1) * PAGE).forEach(function (r) {
          var tr = el("tr");
          spec.columns.forEach(function (col) { tr.appendChild(cellNode(col, r, root)); });
          tbody.appendChild(tr);
        });
        count.textContent = "共 " + rows.length + " 行" + (pages > 1 ? "，第 " + (state.page + 1) + "/" + pages + " 页" : "");
        pager.textContent = "";
        if (pages > 1) {
          [["上一页", state.page - 1], ["下一页", state.page + 1]].forEach(function (p) {
            var b = el("button", { type: "button", "class": "portal-button" }, p[0]);
            b.disabled = p[1] < 0 || p[1] >= pages;
            b.addEventListener("click", function () { state.page = p[1]; render(); });
            pager.appendChild(b);
          });
        }
      }

      input.addEventListener("input", function () { state.filter = input.value; state.page = 0; render(); });
      Array.prototype.slice.call(container.children).forEach(function (child) {
        if (!(child.tagName === "SCRIPT")) child.remove();
      });
      container.appendChild(controls);
      container.appendChild(scroll);
      container.appendChild(pager);
      render();
    }).catch(function (err) { if (window.console) console.warn(err); });
  }

  /* ---- compare ---------------------------------------------------------------------- */

  function initCompare(box) {
    if (box.dataset.enhanced) return;
    box.dataset.enhanced = "1";
    var root = box.dataset.root || "";
    var max = parseInt(box.dataset.max || "5", 10);
    var rowsSpec = JSON.parse(box.querySelector("script.portal-compare-rows").textContent);
    var input = box.querySelector("#portal-compare-input");
    var list = box.querySelector("#portal-compare-list");
    var chips = box.querySelector(".portal-compare-chips");
    var status = box.querySelector(".portal-compare-status");
    var result = box.querySelector(".portal-compare-result");
    var agencies = {}, byName = {};
    var selected = [];

    // A region's aggregate ("region-<code>") is compared like an agency: same JSON shape.
    function dataPath(slug) {
      return slug.indexOf("region-") === 0 ? "data/regions/" + slug.slice(7) + ".json" : "data/agencies/" + slug + ".json";
    }

    function pagePath(slug) {
      return slug.indexOf("region-") === 0 ? "regions/" + slug.slice(7) + "/" : "agencies/" + slug + "/";
    }

    function readURL() {
      return new URLSearchParams(location.search).getAll("a").map(function (v) {
        var at = v.lastIndexOf("@");
        return at > 0 ? { slug: v.slice(0, at), year: parseInt(v.slice(at + 1), 10) } : { slug: v, year: null };
      });
    }

    function writeURL() {
      var params = new URLSearchParams();
      selected.forEach(function (s) { params.append("a", s.slug + "@" + s.year); });
      var q = params.toString();
      history.replaceState(history.state, "", location.pathname + (q ? "?" + q : "") + location.hash);
    }

    function add(slug, year) {
      var a = agencies[slug];
      if (!a || selected.length >= max) return false;
      if (a.years.indexOf(year) < 0) year = a.years[a.years.length - 1];
      if (selected.some(function (s) { return s.slug === slug && s.year === year; })) return false;
      selected.push({ slug: slug, year: year });
      return true;
    }

    function renderChips() {
      chips.textContent = "";
      selected.forEach(function (s, i) {
        var a = agencies[s.slug];
        var li = el("li", { "class": "portal-chip" });
        li.appendChild(el("a", { href: root + pagePath(s.slug) }, a.name));
        if (a.years.length > 1) {
          var sel = el("select", { "aria-label": a.name + " 的年度" });
          a.years.forEach(function (y) {
            var o = el("option", { value: String(y) }, y + " 年");
            if (y === s.year) o.selected = true;
            sel.appendChild(o);
          });
          sel.addEventListener("change", function () { s.year = parseInt(sel.value, 10); update(); });
          li.appendChild(sel);
        } else {
          li.appendChild(el("span", { "class": "portal-chip-year" }, s.year + " 年"));
        }
        var rm = el("button", { type: "button", "class": "portal-chip-remove", "aria-label": "移除 " + a.name }, "×");
        rm.addEventListener("click", function () { selected.splice(i, 1); update(); });
        li.appendChild(rm);
        chips.appendChild(li);
      });
    }

    function update() {
      writeURL();
      renderChips();
      result.textContent = "";
      if (selected.length < 2) {
        status.textContent = selected.length ? "再选至少一个机关即可开始对比（最多 " + max + " 个）。" : "请选择两到五个机关。";
        return;
      }
      status.textContent = "正在载入……";
      Promise.all(selected.map(function (s) {
        return getJSON(root + dataPath(s.slug)).then(function (d) {
          var entry = d.years.filter(function (y) { return y.year === s.year; })[0] || d.years[d.years.length - 1];
          return { name: d.agency, year: entry.year, entry: entry };
        });
      })).then(function (items) {
        status.textContent = "正在对比 " + items.length + " 个机关。";
        renderResult(items);
      }).catch(function (err) {
        status.textContent = "数据载入失败：" + err.message;
      });
    }

    function renderResult(items) {
      var names = items.map(function (it) { return it.name + "（" + it.year + "）"; });
      var table = el("table", { "class": "portal-list portal-compare-table" });
      table.appendChild(el("caption", {}, "关键数字对比"));
      var thead = el("thead"), htr = el("tr");
      htr.appendChild(el("th", { scope: "col" }, "指标"));
      items.forEach(function (it, i) { htr.appendChild(el("th", { scope: "col" }, names[i])); });
      thead.appendChild(htr);
      table.appendChild(thead);
      var tbody = el("tbody");
      rowsSpec.forEach(function (r) {
        var tr = el("tr");
        tr.appendChild(el("th", { scope: "row" }, r.label));
        items.forEach(function (it) {
          var v = it.entry.figures[r.key];
          tr.appendChild(el("td", { "class": "num" }, r.type === "pct" ? fmtPct(v) : fmtNum(v)));
        });
        tbody.appendChild(tr);
      });
      items[0].entry.outcomes.forEach(function (o, k) {
        var tr = el("tr");
        tr.appendChild(el("th", { scope: "row" }, "办理结果 · " + o[0]));
        items.forEach(function (it) { tr.appendChild(el("td", { "class": "num" }, fmtNum(it.entry.outcomes[k][1]))); });
        tbody.appendChild(tr);
      });
      table.appendChild(tbody);
      var scroll = el("div", { "class": "portal-table-scroll", role: "region", tabindex: "0", "aria-label": "对比表格" });
      scroll.appendChild(table);
      result.appendChild(scroll);

      // Short names on the axis leave a phone room for the bars; the table keeps them whole.
      var safeNames = names.map(function (n, i) {
        var name = items[i].name.length > 12 ? items[i].name.slice(0, 11) + "…" : items[i].name;
        return plotSafe(name + "（" + items[i].year + "）");
      });
      var palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9"];
      var grid = el("div", { "class": "portal-chart-grid" });
      function grouped(key, title, series, pct) {
        var data = series.map(function (s, i) {
          return { type: "bar", orientation: "h", name: s.label, y: safeNames,
            x: items.map(function (it) { var v = s.get(it); return v === null || v === undefined ? null : (pct ? Math.round(v * 1000) / 10 : v); }),
            customdata: names.map(plotSafe), hovertemplate: "%{customdata} · " + plotSafe(s.label) + "：%{x}<extra></extra>",
            marker: { color: palette[i % palette.length] } };
        });
        var all = [].concat.apply([], data.map(function (d) { return d.x; })).filter(function (v) { return v !== null; });
        var small = !pct && all.every(function (v) { return Number.isInteger(v) && v <= 5; });
        var layout = { barmode: "group", showlegend: true, legend: { orientation: "h", y: -0.2, traceorder: "normal" },
          margin: { l: 10, r: 10, t: 10, b: 10 }, xaxis: small ? { automargin: true, rangemode: "tozero", dtick: 1, range: [0, Math.max(1, Math.max.apply(null, all.concat([0]))) * 1.08] }
            : { automargin: true, rangemode: "tozero", ticksuffix: pct ? "%" : "" },
          yaxis: { automargin: true, autorange: "reversed" } };
        var header = ["机关"].concat(series.map(function (s) { return s.label + (pct ? "（%）" : ""); }));
        var rows = items.map(function (it, i) { return [names[i]].concat(data.map(function (d) { return d.x[i]; })); });
        grid.appendChild(chartBox(key, title, { data: data, layout: layout }, header, rows, Math.max(260, 70 * items.length + 90)));
      }
      grouped("volume", "申请与办理（件）", [
        { label: "新收申请", get: function (it) { return it.entry.figures.new_received; } },
        { label: "办结", get: function (it) { return it.entry.figures.total_processed; } },
        { label: "予以公开", get: function (it) { return it.entry.figures.granted; } }], false);
      grouped("rates", "比率", [
        { label: "予以公开率", get: function (it) { return it.entry.figures.granted_rate; } },
        { label: "不予公开/无法提供占比", get: function (it) { return it.entry.figures.denied_unavailable_share; } }], true);
      grouped("outcomes", "办理结果构成（件）", items[0].entry.outcomes.map(function (o, k) {
        return { label: o[0], get: function (it) { return it.entry.outcomes[k][1]; } };
      }), false);
      grouped("appeals", "行政复议与行政诉讼（件）", [
        { label: "行政复议", get: function (it) { return it.entry.figures.review; } },
        { label: "复议纠正", get: function (it) { return it.entry.figures.review_corrected; } },
        { label: "行政诉讼", get: function (it) { return it.entry.figures.litigation; } },
        { label: "诉讼纠正", get: function (it) { return it.entry.figures.litigation_corrected; } }], false);
      result.appendChild(grid);
      drawCharts(result);
    }

    function addFromInput() {
      var slug = byName[input.value.trim()];
      if (!slug) { status.textContent = "没有找到名为“" + input.value + "”的机关，请从下拉列表中选择。"; return; }
      if (selected.length >= max) { status.textContent = "最多对比 " + max + " 个机关。"; return; }
      add(slug, null);
      input.value = "";
      update();
    }

    Promise.all([getJSON(root + "data/index.json"),
                 getJSON(root + "data/regions.json").catch(function () { return []; })]).then(function (both) {
      both[0].agencies.forEach(function (a) {  // [slug, agency, region, years]
        agencies[a[0]] = { name: a[1], years: a[3].slice() };
        byName[a[1]] = a[0];
      });
      both[1].forEach(function (r) {
        agencies[r.slug] = { name: r.name, years: r.years.slice() };
        byName[r.name] = r.slug;
      });
      Object.keys(agencies).forEach(function (slug) {
        agencies[slug].years.sort();
        list.appendChild(el("option", { value: agencies[slug].name }));
      });
      readURL().forEach(function (s) { add(s.slug, s.year); });
      box.querySelector(".portal-compare-add").addEventListener("click", addFromInput);
      input.addEventListener("change", function () { if (byName[input.value.trim()]) addFromInput(); });
      input.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); addFromInput(); } });
      update();
    }).catch(function (err) { status.textContent = "机关列表载入失败：" + err.message; });
  }

  /* ---- agency page: the year switch ----------------------------------------------------- */

  /* years.json.gz: gzip-compressed JSON, inflated here (a host that already inflated it is fine too). */
  function getCompressedJSON(url) {
    return fetchOnce(url, function (r) {
      return r.arrayBuffer().then(function (buf) {
        var head = new Uint8Array(buf, 0, Math.min(2, buf.byteLength));
        if (head[0] === 0x1f && head[1] === 0x8b) {
          if (typeof DecompressionStream === "undefined") throw new Error("这个浏览器不能解压数据，请换用较新的浏览器");
          return new Response(new Blob([buf]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
        }
        return new TextDecoder("utf-8").decode(buf);
      }).then(JSON.parse);
    });
  }

  /* The page carries its latest year's words (the parts listed as "inline" in years.json.gz); every
   * other part of every year, rendered by the same template at build time, comes from years.json.gz.
   * The year is in the URL (?year=), so the view is a link; without it the page shows its latest year. */
  function initYears(nav) {
    if (nav.dataset.enhanced) return;
    nav.dataset.enhanced = "1";
    var latest = nav.dataset.year, shown = null;
    var status = nav.querySelector(".portal-years-status");
    var nodes = Array.prototype.slice.call(document.querySelectorAll(".portal-part[data-part]"));
    var snapshot = {};  // the latest year's parts as the page carries them
    nodes.forEach(function (node) { snapshot[node.dataset.part] = node.innerHTML; });

    function mark(year) {
      nav.querySelectorAll("a[data-year]").forEach(function (a) {
        if (a.dataset.year === year) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
      });
    }

    function show(year, push) {
      if (year === shown) return;
      if (!nav.querySelector('a[data-year="' + year + '"]')) {
        status.textContent = "本机关没有 " + year + " 年的报告，显示的是 " + latest + " 年。";
        year = latest;
      } else if (shown !== null) {
        status.textContent = "正在载入 " + year + " 年的报告……";
      }
      getCompressedJSON(nav.dataset.src).then(function (doc) {
        var parts = doc.years[year];
        if (!parts) throw new Error("没有 " + year + " 年的报告");
        var inline = doc.inline || [];
        nodes.forEach(function (node) {
          var key = node.dataset.part;
          node.innerHTML = year === latest && inline.indexOf(key) >= 0 ? snapshot[key] : (parts[key] || "");
        });
        var first = shown === null;
        shown = year;
        mark(year);
        if (!first) status.textContent = "已显示 " + year + " 年的报告。";
        var url = new URL(location.href);
        if (year === latest) url.searchParams.delete("year"); else url.searchParams.set("year", year);
        if (url.href !== location.href || push) {
          history[push ? "pushState" : "replaceState"](history.state, "", url.pathname + url.search + url.hash);
        }
        drawCharts(document);
        if (first && location.hash) {  // the part a link points into has only now been filled
          var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
          if (target) target.scrollIntoView();
        }
      }).catch(function (err) {
        status.textContent = "无法载入 " + year + " 年的报告：" + err.message;
      });
    }

    // Capture, and stop there: the theme's instant loading would otherwise fetch the page again.
    nav.addEventListener("click", function (ev) {
      var a = ev.target.closest && ev.target.closest("a[data-year]");
      if (!a || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
      ev.preventDefault();
      ev.stopPropagation();
      show(a.dataset.year, true);
    }, true);
    yearSwitch = function () { show(new URLSearchParams(location.search).get("year") || latest, false); };
    yearSwitch();
  }

  /* Back and forward between years of the page shown: one listener for the page's life (instant
   * navigation keeps the page, so a listener per agency visited would pile up). */
  var yearSwitch = null;
  window.addEventListener("popstate", function () {
    var nav = document.querySelector("nav.portal-years[data-src]");
    if (yearSwitch && nav && nav.dataset.enhanced) yearSwitch();
  });

  /* ---- page life cycle ---------------------------------------------------------------- */

  function init() {
    drawCharts(document);
    document.querySelectorAll(".portal-datatable[data-src]").forEach(enhanceTable);
    document.querySelectorAll(".portal-compare").forEach(initCompare);
    document.querySelectorAll(".portal-years[data-src]").forEach(initYears);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
