// Cart without page reloads: add / update / remove forms are sent with fetch() (CSRF token in the
// X-CSRFToken header, JSON answer) and the page is updated with textContent. Without JavaScript,
// or if the request fails on the network, the same forms submit normally and the server redirects.
(function () {
  "use strict";

  var SELECTOR = "form[data-cart-form], form[action*='/cart/add/']";

  function liveRegion() {
    var region = document.getElementById("cart-status");
    if (!region) {
      region = document.createElement("div");
      region.id = "cart-status";
      region.className = "position-fixed bottom-0 end-0 p-3";
      region.style.zIndex = "1080";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      document.body.appendChild(region);
    }
    return region;
  }

  function announce(message, ok) {
    var region = liveRegion();
    while (region.firstChild) { region.removeChild(region.firstChild); }
    var box = document.createElement("div");
    box.className = "alert shadow mb-0 " + (ok ? "alert-success" : "alert-danger");
    box.textContent = message;
    if (ok && !document.querySelector("[data-cart-page]")) {
      var link = document.createElement("a");
      var navCart = document.getElementById("nav-cart");
      link.href = navCart ? navCart.getAttribute("href") : "/cart/";
      link.className = "alert-link ms-2";
      link.textContent = navCart ? navCart.getAttribute("data-view-label") : "";
      box.appendChild(link);
    }
    region.appendChild(box);
    window.clearTimeout(announce.timer);
    announce.timer = window.setTimeout(function () { region.removeChild(box); }, 6000);
  }

  function updateCount(count) {
    document.querySelectorAll("[data-cart-count]").forEach(function (badge) {
      badge.textContent = String(count);
      badge.classList.toggle("d-none", count < 1);
    });
  }

  function updateCartPage(cart) {
    var page = document.querySelector("[data-cart-page]");
    if (!page) { return; }
    var byId = {};
    cart.lines.forEach(function (line) { byId[String(line.product_id)] = line; });
    page.querySelectorAll("[data-cart-line]").forEach(function (row) {
      var line = byId[row.getAttribute("data-cart-line")];
      if (!line) { row.remove(); return; }
      var total = row.querySelector("[data-line-total]");
      if (total) { total.textContent = line.line_total_display; }
      var input = row.querySelector("input[name=quantity]");
      if (input) { input.value = String(line.quantity); input.max = String(line.stock); }
      var warning = row.querySelector("[data-over-stock]");
      if (warning) { warning.classList.toggle("d-none", line.quantity <= line.stock); }
    });
    page.querySelectorAll("[data-cart-subtotal]").forEach(function (el) { el.textContent = cart.subtotal_display; });
    var empty = cart.lines.length === 0;
    page.querySelectorAll("[data-cart-filled]").forEach(function (el) { el.classList.toggle("d-none", empty); });
    page.querySelectorAll("[data-cart-empty]").forEach(function (el) { el.classList.toggle("d-none", !empty); });
  }

  function send(form) {
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    var button = form.querySelector("[type=submit]");
    if (button) { button.disabled = true; }
    return fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": token ? token.value : "" }
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === -1) { throw new Error("not json"); }
      return response.json();
    }).then(function (data) {
      if (data.cart) {
        updateCount(data.cart.count);
        updateCartPage(data.cart);
      }
      announce(data.message || data.error || "", Boolean(data.ok));
    }).finally(function () {
      if (button) { button.disabled = false; }
    });
  }

  // Quantities apply by themselves half a second after the buyer stops typing or tapping the
  // arrows; the "Update" button stays for browsers without JavaScript (hidden here).
  var DEBOUNCE_MS = 500;
  document.querySelectorAll("form[data-cart-form=update]").forEach(function (form) {
    var input = form.querySelector("input[name=quantity]");
    var button = form.querySelector("[data-cart-update-button]");
    if (!input || !window.fetch) { return; }
    if (button) { button.classList.add("visually-hidden-focusable"); }
    var timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        if (!input.checkValidity()) { return; }
        send(form).catch(function () { form.submit(); });
      }, DEBOUNCE_MS);
    });
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.matches(SELECTOR) || !window.fetch) { return; }
    event.preventDefault();
    send(form).catch(function () { form.submit(); });
  });
})();
