/* Small accessibility repairs to widgets Django's admin draws with JavaScript.
   SelectFilter2 (the two-box group and permission pickers) puts an aria-label on a bare <span>
   magnifier icon, which ARIA forbids (axe: aria-prohibited-attr, serious); as role="img" the label
   is allowed and read out. Runs after every load handler, so after the widgets are built. */
(function () {
  "use strict";
  function repair() {
    document.querySelectorAll("span.search-label-icon[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }
  window.addEventListener("load", function () { window.setTimeout(repair, 0); });
})();
