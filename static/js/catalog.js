// Storefront enhancements: gallery thumbnails swap the main picture; filter selects submit on change.
// Both work without JavaScript (thumbnails link to the picture; an "Apply"/"Sort" button submits).
(function () {
  "use strict";

  function initGallery() {
    var main = document.getElementById("gallery-main-image");
    if (!main) { return; }
    document.querySelectorAll("[data-gallery-src]").forEach(function (thumb, index, all) {
      thumb.addEventListener("click", function (event) {
        event.preventDefault();
        main.src = thumb.getAttribute("data-gallery-src");
        main.srcset = thumb.getAttribute("data-gallery-srcset") || "";
        main.alt = thumb.getAttribute("data-gallery-alt") || "";
        all.forEach(function (other) {
          other.classList.toggle("is-active", other === thumb);
          if (other === thumb) { other.setAttribute("aria-current", "true"); } else { other.removeAttribute("aria-current"); }
        });
      });
    });
  }

  function initAutosubmit() {
    document.querySelectorAll(".js-hidden").forEach(function (element) { element.hidden = true; });
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () {
        var form = select.form;
        if (form) {
          if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    initGallery();
    initAutosubmit();
  });
})();
