// The officer's report pages: charts drawn from the report's own table (so the page says the same without
// JavaScript), with uPlot served from its webjar; and the CCPA page's print button. No inline script: the CSP forbids it.
(function () {
  "use strict";

  var printButton = document.getElementById("print");
  if (printButton) {
    printButton.addEventListener("click", function () { window.print(); });
  }

  var table = document.getElementById("report-rows");
  if (!table || typeof uPlot === "undefined") {
    return;
  }
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
  var periods = [];
  var jurisdictions = [];
  rows.forEach(function (row) {
    if (periods.indexOf(row.dataset.period) < 0) { periods.push(row.dataset.period); }
    if (jurisdictions.indexOf(row.dataset.jurisdiction) < 0) { jurisdictions.push(row.dataset.jurisdiction); }
  });
  var colours = ["#1d4ed8", "#b45309", "#047857", "#be123c", "#6d28d9", "#0e7490", "#4d7c0f", "#334155"];

  // one series per jurisdiction, one point per period (null where a jurisdiction had nothing that period)
  function seriesOf(field, scale) {
    var data = [periods.map(function (_, i) { return i; })];
    jurisdictions.forEach(function (jurisdiction) {
      data.push(periods.map(function (period) {
        var row = rows.find(function (r) { return r.dataset.period === period && r.dataset.jurisdiction === jurisdiction; });
        var value = row ? row.dataset[field] : "";
        return value === undefined || value === "" ? null : Number(value) * scale;
      }));
    });
    return data;
  }

  function draw(area) {
    var field = area.dataset.series;
    var scale = field === "onTimeRate" ? 100 : 1;
    var width = Math.max(260, area.clientWidth || area.parentNode.clientWidth);
    var options = {
      width: width,
      height: 220,
      scales: { x: { time: false }, y: field === "onTimeRate" ? { range: [0, 100] } : { range: function (u, min, max) { return [0, Math.max(1, max)]; } } },
      axes: [
        { values: function (u, ticks) { return ticks.map(function (t) { return Number.isInteger(t) && periods[t] !== undefined ? periods[t] : ""; }); } },
        {}
      ],
      // the x "value" in the legend is the period under the cursor, not its index
      series: [{ label: "", value: function (u, v) { return v == null ? "--" : (periods[v] || ""); } }].concat(jurisdictions.map(function (jurisdiction, i) {
        return { label: jurisdiction, stroke: colours[i % colours.length], width: 2, spanGaps: false, points: { show: true } };
      }))
    };
    area.textContent = "";
    return new uPlot(options, seriesOf(field, scale), area);
  }

  var charts = Array.prototype.slice.call(document.querySelectorAll(".chart-area")).map(draw);
  var resizing;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () {
      charts.forEach(function (chart) {
        var area = chart.root.parentNode;
        chart.setSize({ width: Math.max(260, area.clientWidth), height: 220 });
      });
    }, 150);
  });
})();
