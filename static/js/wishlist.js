// The wishlist heart without a page reload: the same POST form, answered in JSON; every heart of
// the product on the page and the navbar count follow. Without JavaScript the form posts normally.
(function () {
  "use strict";

  function setHeart(button, on) {
    button.setAttribute("aria-pressed", on ? "true" : "false");
    var icon = button.querySelector(".fa-heart");
    if (icon) {
      icon.classList.toggle("fa-solid", on);
      icon.classList.toggle("fa-regular", !on);
    }
    var label = button.querySelector(".visually-hidden");
    if (label) { label.textContent = button.getAttribute(on ? "data-label-remove" : "data-label-add") || ""; }
  }

  function setCount(count) {
    document.querySelectorAll("[data-wishlist-count]").forEach(function (badge) {
      badge.textContent = String(count);
      badge.classList.toggle("d-none", !count);
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.matches("[data-wishlist-form]") || !window.fetch) { return; }
    event.preventDefault();
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    var button = form.querySelector("[data-wishlist]");
    if (button) { button.disabled = true; }
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": token ? token.value : "" }
    }).then(function (response) {
      if ((response.headers.get("Content-Type") || "").indexOf("application/json") === -1) { throw new Error("not json"); }
      return response.json();
    }).then(function (data) {
      var id = button ? button.getAttribute("data-wishlist") : "";
      document.querySelectorAll("[data-wishlist='" + id + "']").forEach(function (heart) { setHeart(heart, data.in_wishlist); });
      setCount(data.count);
    }).catch(function () {
      form.submit();
    }).finally(function () {
      if (button) { button.disabled = false; }
    });
  });
})();
