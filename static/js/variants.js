// Option picker of a product family (templates/catalog/product_family.html). Reads every variant
// from the json_script "variant-data"; choosing a value shows that variant's price, stock, SKU and
// pictures (pre-rendered panes, [data-variant-pane]), points the add-to-cart forms at it, puts its
// URL in the address bar (history.replaceState) and announces the change in an aria-live region.
// Without JavaScript the picker is a GET form whose "Show" button opens the chosen variant's page.
(function () {
  "use strict";

  function init() {
    var picker = document.querySelector("[data-variant-picker]");
    var source = document.getElementById("variant-data");
    if (!picker || !source) { return; }
    var data = JSON.parse(source.textContent);
    var labels = data.labels;
    var status = document.querySelector("[data-variant-status]");

    function selections() {
      var chosen = {};
      picker.querySelectorAll("input[type=radio]:checked").forEach(function (radio) {
        chosen[radio.getAttribute("data-option")] = radio.value;
      });
      return chosen;
    }

    function matches(variant, chosen) {
      return Object.keys(chosen).every(function (id) { return variant.values[id] === chosen[id]; });
    }

    function find(chosen) {
      for (var i = 0; i < data.variants.length; i++) {
        if (matches(data.variants[i], chosen)) { return data.variants[i]; }
      }
      return null;
    }

    // The variant for the new choice: an exact match, else one with the changed value (in stock first).
    function pick(optionId, value) {
      var chosen = selections();
      var exact = find(chosen);
      if (exact) { return exact; }
      var only = {};
      only[optionId] = value;
      var candidates = data.variants.filter(function (variant) { return matches(variant, only); });
      var inStock = candidates.filter(function (variant) { return variant.in_stock; });
      return inStock[0] || candidates[0] || null;
    }

    function markChoices(variant) {
      picker.querySelectorAll("input[type=radio]").forEach(function (radio) {
        var optionId = radio.getAttribute("data-option");
        radio.checked = variant.values[optionId] === radio.value;
        var wanted = {};
        Object.keys(variant.values).forEach(function (id) { wanted[id] = variant.values[id]; });
        wanted[optionId] = radio.value;
        var match = find(wanted);
        var label = picker.querySelector("label[for='" + radio.id + "']");
        if (!label) { return; }
        var note = label.querySelector("[data-choice-note]");
        var text = !match ? " · " + labels.missing_note : (!match.in_stock ? " · " + labels.out_note : "");
        if (note) { note.textContent = text; }
        label.classList.toggle("is-unavailable", !match || !match.in_stock);
      });
      picker.querySelectorAll("[data-option-current]").forEach(function (current) {
        current.textContent = variant.values[current.getAttribute("data-option-current")] || "";
      });
    }

    function show(variant) {
      var id = String(variant.id);
      document.querySelectorAll("[data-variant-pane]").forEach(function (pane) {
        pane.hidden = pane.getAttribute("data-variant-pane") !== id;
      });
      document.querySelectorAll("form[data-variant-cart]").forEach(function (form) {
        form.action = variant.add_url;
        var button = form.querySelector("[type=submit]");
        if (button.hasAttribute("data-add-to-cart")) { button.setAttribute("data-add-to-cart", id); }
        if (button.hasAttribute("data-sticky-add-to-cart")) { button.setAttribute("data-sticky-add-to-cart", id); }
        var quantity = form.querySelector("input[type=number]");
        if (quantity) {
          quantity.max = String(Math.max(variant.stock, 1));
          quantity.disabled = !variant.in_stock;
          if (Number(quantity.value) > variant.stock && variant.stock > 0) { quantity.value = String(variant.stock); }
        }
        if (button.hasAttribute("data-add-to-cart")) { button.disabled = !variant.in_stock; }
        var label = button.querySelector("[data-cart-label]");
        if (label) { label.textContent = variant.in_stock ? labels.add : labels.out; }
      });
      var bar = document.querySelector("[data-sticky-buy-bar]");
      if (bar) { bar.hidden = !variant.in_stock; }
      document.querySelectorAll("[data-variant-price-text]").forEach(function (price) {
        price.textContent = variant.price_display;
      });
      markChoices(variant);
      if (window.history && window.history.replaceState && window.location.pathname !== variant.url) {
        window.history.replaceState(null, "", variant.url);
      }
      if (status) { status.textContent = variant.announcement; }
    }

    picker.addEventListener("change", function (event) {
      var radio = event.target;
      if (!radio.matches || !radio.matches("input[type=radio]")) { return; }
      var variant = pick(radio.getAttribute("data-option"), radio.value);
      if (variant) { show(variant); }
    });
  }

  document.addEventListener("DOMContentLoaded", init);
})();
