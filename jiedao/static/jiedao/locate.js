// 获取当前位置: fills the latitude/longitude inputs named by the button's data-lat / data-lng from the
// phone's location. Browsers give a location only to HTTPS pages (and localhost).
(function () {
  "use strict";

  function say(status, text, isError) {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("text-danger", !!isError);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-locate]");
    if (!button) return;
    event.preventDefault();
    var lat = document.getElementById(button.getAttribute("data-lat"));
    var lng = document.getElementById(button.getAttribute("data-lng"));
    var status = document.getElementById(button.getAttribute("data-status"));
    if (!window.isSecureContext || !navigator.geolocation) {
      say(status, "此页面无法定位（需通过HTTPS访问），请手动填写经纬度", true);
      return;
    }
    button.disabled = true;
    say(status, "正在定位…", false);
    navigator.geolocation.getCurrentPosition(
      function (position) {
        lat.value = position.coords.latitude.toFixed(6);
        lng.value = position.coords.longitude.toFixed(6);
        button.disabled = false;
        say(status, "已获取位置（精度约" + Math.round(position.coords.accuracy) + "米）", false);
      },
      function (error) {
        button.disabled = false;
        var reasons = {1: "未允许获取位置", 2: "无法确定位置", 3: "定位超时"};
        say(status, (reasons[error.code] || "定位失败") + "，请手动填写经纬度", true);
      },
      {enableHighAccuracy: true, timeout: 15000, maximumAge: 60000}
    );
  });
})();
