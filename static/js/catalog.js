// Storefront enhancements: gallery thumbnails swap the main picture; filter selects submit on change.
// Both work without JavaScript (thumbnails link to the picture; an "Apply"/"Sort" button submits).
(function () {
  "use strict";

  // One gallery per product, or one per variant on a family page (each swaps its own main picture).
  function initGallery() {
    document.querySelectorAll(".gallery").forEach(function (gallery) {
      var main = gallery.querySelector("#gallery-main-image, [data-gallery-main]");
      if (!main) { return; }
      var thumbs = gallery.querySelectorAll("[data-gallery-src]");
      thumbs.forEach(function (thumb) {
        thumb.addEventListener("click", function (event) {
          event.preventDefault();
          main.src = thumb.getAttribute("data-gallery-src");
          main.srcset = thumb.getAttribute("data-gallery-srcset") || "";
          main.alt = thumb.getAttribute("data-gallery-alt") || "";
          thumbs.forEach(function (other) {
            other.classList.toggle("is-active", other === thumb);
            if (other === thumb) { other.setAttribute("aria-current", "true"); } else { other.removeAttribute("aria-current"); }
          });
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

  // Sale countdown: the server renders "2 hours, 5 minutes"; this ticks it as HH:MM:SS (or "Nd HH:MM:SS").
  function initCountdowns() {
    var clocks = document.querySelectorAll("[data-countdown-clock]");
    if (!clocks.length) { return; }
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    function tick() {
      clocks.forEach(function (clock) {
        var left = Math.max(0, Math.floor((Date.parse(clock.getAttribute("datetime")) - Date.now()) / 1000));
        var days = Math.floor(left / 86400);
        var rest = pad(Math.floor(left % 86400 / 3600)) + ":" + pad(Math.floor(left % 3600 / 60)) + ":" + pad(left % 60);
        clock.textContent = (days ? days + "d " : "") + rest;
      });
    }
    tick();
    window.setInterval(tick, 1000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    initGallery();
    initAutosubmit();
    initCountdowns();
  });
})();
