// Checkout: the summary follows the chosen courier, and the courier list is re-quoted by the server
// when the address changes. Without JavaScript the "Update shipping options" button does the same.
(function () {
  "use strict";

  var form = document.getElementById("checkout-form");
  if (!form) { return; }
  var options = form.querySelector("[data-shipping-options]");
  var shippingOut = form.querySelector("[data-summary-shipping]");
  var totalOut = form.querySelector("[data-summary-total]");

  function showSelected() {
    var chosen = form.querySelector("input[name=shipping_service]:checked");
    if (!chosen) { return; }
    shippingOut.textContent = chosen.getAttribute("data-cost-display");
    totalOut.textContent = chosen.getAttribute("data-total-display");
  }

  function option(quote, checked) {
    var wrap = document.createElement("div");
    wrap.className = "form-check border rounded p-2 ps-5 mb-2";
    var input = document.createElement("input");
    input.className = "form-check-input";
    input.type = "radio";
    input.name = "shipping_service";
    input.id = "service-" + quote.service_id;
    input.value = String(quote.service_id);
    input.checked = checked;
    input.setAttribute("data-cost-display", quote.cost_display);
    input.setAttribute("data-total-display", quote.total_display);
    var label = document.createElement("label");
    label.className = "form-check-label w-100";
    label.htmlFor = input.id;
    var strong = document.createElement("strong");
    strong.textContent = quote.label;
    label.appendChild(strong);
    label.appendChild(document.createTextNode(" — " + quote.cost_display));
    var days = document.createElement("span");
    days.className = "d-block small";
    days.textContent = quote.detail;
    label.appendChild(days);
    wrap.appendChild(input);
    wrap.appendChild(label);
    return wrap;
  }

  function render(data) {
    var previous = form.querySelector("input[name=shipping_service]:checked");
    var keep = previous ? previous.value : null;
    while (options.firstChild) { options.removeChild(options.firstChild); }
    if (!data.quotes.length) {
      var p = document.createElement("p");
      p.className = "text-danger";
      p.setAttribute("role", "alert");
      p.textContent = data.error || "";
      options.appendChild(p);
      shippingOut.textContent = "—";
      totalOut.textContent = data.subtotal_display;
      return;
    }
    var found = data.quotes.some(function (q) { return String(q.service_id) === keep; });
    data.quotes.forEach(function (quote, index) {
      options.appendChild(option(quote, found ? String(quote.service_id) === keep : index === 0));
    });
    showSelected();
  }

  var timer = null;
  function requote() {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      var params = new URLSearchParams();
      ["city", "province", "destination"].forEach(function (name) {
        var field = form.elements.namedItem(name);
        if (field) { params.set(name, field.value); }
      });
      fetch(form.getAttribute("data-quote-url") + "?" + params.toString(), {
        credentials: "same-origin",
        headers: { "Accept": "application/json" }
      }).then(function (response) { return response.json(); }).then(render).catch(function () { /* keep the list */ });
    }, 400);
  }

  form.addEventListener("change", function (event) {
    var name = event.target.name;
    if (name === "shipping_service") { showSelected(); }
    if (name === "city" || name === "province" || name === "destination") { requote(); }
  });
})();
