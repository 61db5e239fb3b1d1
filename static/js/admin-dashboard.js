/* Sales chart on the admin index. Data comes from the json_script element #sales-data; colours come
   from the admin's CSS variables so the chart follows the light/dark theme (and its toggle). */
(function () {
  "use strict";
  var dataElement = document.getElementById("sales-data");
  var canvas = document.getElementById("hr-sales-chart");
  if (!dataElement || !canvas || typeof window.Chart === "undefined") return;

  var data = JSON.parse(dataElement.textContent);
  var lang = document.documentElement.lang || "id";
  var money = new Intl.NumberFormat(lang, { style: "currency", currency: "IDR", maximumFractionDigits: 0 });
  var shortDate = new Intl.DateTimeFormat(lang, { day: "numeric", month: "short" });
  var labels = data.labels.map(function (iso) {
    var parts = iso.split("-");
    return shortDate.format(new Date(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2])));
  });

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

  var c = colours();
  var chart = new window.Chart(canvas, {
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

  function restyle() {
    var next = colours();
    chart.data.datasets[0].backgroundColor = next.bar;
    chart.options.scales.x.ticks.color = next.text;
    chart.options.scales.y.ticks.color = next.text;
    chart.options.scales.y.grid.color = next.grid;
    chart.update("none");
  }

  new MutationObserver(restyle).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  if (window.matchMedia) {
    window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", restyle);
  }
})();
