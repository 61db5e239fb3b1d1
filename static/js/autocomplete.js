// Navbar search suggestions: a WAI-ARIA combobox over /search/autocomplete/?q=.
// Debounced (200 ms), stale answers dropped, fully keyboard-driven (arrows, Home/End, Enter, Escape).
// DOM is built with textContent only; without JavaScript the form still submits to /search/.
(function () {
  "use strict";
  var DELAY = 200;
  var MIN_LENGTH = 2;

  function init(form) {
    var input = form.querySelector("input[name=q]");
    var endpoint = form.getAttribute("data-autocomplete-url");
    if (!input || !endpoint) { return; }

    var listbox = document.createElement("ul");
    listbox.id = input.id + "-listbox";
    listbox.className = "list-group shadow position-absolute top-100 end-0 mt-1 z-3 autocomplete-list";
    // As wide as the field on a phone, wider than the compact navbar field on a desktop.
    listbox.style.width = "max(100%, min(26rem, 92vw))";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", input.labels && input.labels[0] ? input.labels[0].textContent : "");
    listbox.hidden = true;
    form.appendChild(listbox);

    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    form.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    var timer = null;
    var controller = null;
    var sequence = 0;
    var active = -1;
    var options = [];

    function message(key, values) {
      var text = form.getAttribute("data-msg-" + key) || "";
      Object.keys(values || {}).forEach(function (name) { text = text.replace("%(" + name + ")s", values[name]); });
      return text;
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      options.forEach(function (option, i) {
        var selected = i === index;
        option.setAttribute("aria-selected", selected ? "true" : "false");
        option.classList.toggle("active", selected);
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function go(index) {
      var url = options[index] && options[index].getAttribute("data-url");
      if (url) { window.location.assign(url); }
    }

    function option(id, url) {
      var item = document.createElement("li");
      item.id = id;
      item.className = "list-group-item list-group-item-action d-flex align-items-center gap-2 autocomplete-option";
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.setAttribute("data-url", url);
      item.addEventListener("mousedown", function (event) { event.preventDefault(); });
      item.addEventListener("click", function () { go(options.indexOf(item)); });
      return item;
    }

    function render(query, results, groups) {
      groups = groups || [];
      listbox.replaceChildren();
      options = [];
      results.forEach(function (result, i) {
        var item = option(listbox.id + "-" + i, result.url);
        var picture = document.createElement("img");
        picture.alt = "";
        picture.width = 40;
        picture.height = 40;
        picture.className = "flex-shrink-0 object-fit-contain rounded autocomplete-thumb";
        if (result.thumbnail) { picture.src = result.thumbnail; }
        var text = document.createElement("span");
        text.className = "d-flex flex-column text-truncate";
        var name = document.createElement("span");
        name.className = "fw-semibold text-truncate";
        name.textContent = result.name;
        var meta = document.createElement("span");
        meta.className = "small autocomplete-meta";
        meta.textContent = result.brand + " · " + result.price_display;
        text.append(name, meta);
        item.append(picture, text);
        listbox.appendChild(item);
        options.push(item);
      });
      // Then the categories and brands of those products ("Category: Delay & Reverb"), as links.
      groups.forEach(function (group, i) {
        var item = option(listbox.id + "-group-" + i, group.url);
        item.classList.add("small", "autocomplete-group");
        item.textContent = group.label;
        listbox.appendChild(item);
        options.push(item);
      });
      var all = option(listbox.id + "-all", form.getAttribute("action") + "?q=" + encodeURIComponent(query));
      all.classList.add("small", "fw-semibold", "autocomplete-all");
      all.textContent = message("all", { query: query });
      listbox.appendChild(all);
      options.push(all);

      active = -1;
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = results.length ? message("count", { count: results.length }) : message("empty");
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query.length < MIN_LENGTH) { close(); return; }
      if (controller) { controller.abort(); }
      controller = new AbortController();
      var mine = ++sequence;
      fetch(endpoint + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        signal: controller.signal,
        credentials: "same-origin",
      })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (mine !== sequence || input.value.trim() !== query) { return; }
          render(query, data.results || [], (data.categories || []).concat(data.brands || []));
        })
        .catch(function (error) { if (error.name !== "AbortError") { close(); } });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      var open = !listbox.hidden && options.length;
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (!open) { fetchSuggestions(); return; }
          highlight(active + 1 >= options.length ? 0 : active + 1);
          break;
        case "ArrowUp":
          if (!open) { return; }
          event.preventDefault();
          highlight(active <= 0 ? options.length - 1 : active - 1);
          break;
        case "Home":
        case "End":
          if (!open || active < 0) { return; }
          event.preventDefault();
          highlight(event.key === "Home" ? 0 : options.length - 1);
          break;
        case "Enter":
          if (open && active >= 0) { event.preventDefault(); go(active); }
          break;
        case "Escape":
          if (open) { event.preventDefault(); close(); }
          break;
        case "Tab":
          close();
          break;
      }
    });

    input.addEventListener("blur", function () { setTimeout(close, 150); });
    document.addEventListener("click", function (event) { if (!form.contains(event.target)) { close(); } });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-autocomplete-url]").forEach(init);
  });
})();
