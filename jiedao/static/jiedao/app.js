// Site-wide behaviour shared by every page.
(function () {
  "use strict";

  // htmx requests carry the CSRF token. The CSRF cookie is HttpOnly (settings.CSRF_COOKIE_HTTPONLY), so the
  // token comes from the <meta name="csrf-token"> that base.html renders.
  document.body.addEventListener("htmx:configRequest", function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta && meta.content) {
      event.detail.headers["X-CSRFToken"] = meta.content;
    }
  });

  // <form data-confirm="确定要撤销该授权吗？"> asks before a plain (non-htmx) form is submitted;
  // htmx elements use hx-confirm instead.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
})();
