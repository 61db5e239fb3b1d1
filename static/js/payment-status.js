// While a gateway payment is under way, ask the shop every few seconds whether the order is still
// awaiting payment; reload the page (which shows the real state) when it is not.
(function () {
  "use strict";
  const panel = document.querySelector("[data-payment-status-url]");
  if (!panel || !window.fetch) return;
  const url = panel.getAttribute("data-payment-status-url");
  const initial = panel.getAttribute("data-order-status");
  const started = Date.now();
  const INTERVAL = 4000;
  const GIVE_UP_AFTER = 15 * 60 * 1000;

  function check() {
    if (Date.now() - started > GIVE_UP_AFTER) return;
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && data.status && data.status !== initial) {
          window.location.reload();
          return;
        }
        window.setTimeout(check, INTERVAL);
      })
      .catch(function () { window.setTimeout(check, INTERVAL * 2); });
  }
  window.setTimeout(check, INTERVAL);
})();
