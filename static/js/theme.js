// Light/dark toggle. The first paint is set by the inline script in <head>; this remembers a choice
// in localStorage and follows the system preference while the visitor has not chosen.
(function () {
  "use strict";
  var KEY = "hurtrock-theme";
  var root = document.documentElement;

  function stored() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function apply(theme) {
    root.setAttribute("data-bs-theme", theme);
    var button = document.getElementById("theme-toggle");
    if (button) { button.setAttribute("aria-pressed", theme === "dark" ? "true" : "false"); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("theme-toggle");
    apply(root.getAttribute("data-bs-theme") || "light");
    if (button) {
      button.addEventListener("click", function () {
        var next = root.getAttribute("data-bs-theme") === "dark" ? "light" : "dark";
        try { localStorage.setItem(KEY, next); } catch (e) { /* private mode: theme for this page only */ }
        apply(next);
      });
    }
  });

  var media = window.matchMedia("(prefers-color-scheme: dark)");
  media.addEventListener("change", function (event) {
    if (stored() !== "light" && stored() !== "dark") { apply(event.matches ? "dark" : "light"); }
  });
})();
