/* Sales charts on the admin index: every canvas[data-chart-data] is drawn from the json_script
   element it names (30 days by day, 12 months by month). Colours come from the admin's CSS
   variables so the charts follow the light/dark theme (and its toggle). No inline script: CSP-safe. */
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") return;

  var lang = document.documentElement.lang || "id";
  var money = new Intl.NumberFormat(lang, { style: "currency", currency: "IDR", maximumFractionDigits: 0 });
  var formats = {
    day: new Intl.DateTimeFormat(lang, { day: "numeric", month: "short" }),
    month: new Intl.DateTimeFormat(lang, { month: "short", year: "2-digit" }),
  };

  function cssVar(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  function colours() {
    return {
      text: cssVar("--body-quiet-color", "#666"),
      grid: cssVar("--hairline-color", "#e8e8e8"),
      bar: cssVar("--accent", "#FF8C42"),
    };
  }

  function draw(canvas) {
    var dataElement = document.getElementById(canvas.dataset.chartData);
    if (!dataElement) return null;
    var data = JSON.parse(dataElement.textContent);
    var format = formats[canvas.dataset.chartPeriod] || formats.day;
    var labels = data.labels.map(function (iso) {
      var parts = iso.split("-");
      return format.format(new Date(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2])));
    });
    var c = colours();
    return new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: labels,
        datasets: [{ data: data.values, backgroundColor: c.bar, borderRadius: 3, maxBarThickness: 28 }],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: function (item) { return money.format(item.parsed.y); } } },
        },
        scales: {
          x: { ticks: { color: c.text, maxRotation: 0, autoSkip: true }, grid: { display: false } },
          y: {
            beginAtZero: true,
            ticks: { color: c.text, callback: function (value) { return money.format(value); } },
            grid: { color: c.grid },
          },
        },
      },
    });
  }

  var charts = Array.prototype.map.call(document.querySelectorAll("canvas[data-chart-data]"), draw).filter(Boolean);
  if (!charts.length) return;

  function restyle() {
    var next = colours();
    charts.forEach(function (chart) {
      chart.data.datasets[0].backgroundColor = next.bar;
      chart.options.scales.x.ticks.color = next.text;
      chart.options.scales.y.ticks.color = next.text;
      chart.options.scales.y.grid.color = next.grid;
      chart.update("none");
    });
  }

  new MutationObserver(restyle).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  if (window.matchMedia) {
    window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", restyle);
  }
})();
