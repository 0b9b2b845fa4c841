/* 领导驾驶舱: draws each chart from its ECharts option (a json_script next to it); a click on a data point
   that carries a `url` (computed server-side) opens the list of the records behind it. */
(function () {
  "use strict";
  var charts = [];
  document.querySelectorAll(".dash-chart").forEach(function (el) {
    var option = JSON.parse(document.getElementById(el.getAttribute("data-chart")).textContent);
    var chart = echarts.init(el);
    chart.setOption(option);
    chart.on("click", function (params) {
      if (params.data && params.data.url) {
        window.location.href = params.data.url;
      }
    });
    charts.push(chart);
  });
  window.addEventListener("resize", function () {
    charts.forEach(function (chart) { chart.resize(); });
  });
})();
