/* Shared by the chat widget and the staff console: the socket (protocol v1, reconnect with
   backoff, resend of unsent messages) and rendering of messages and cards. Text is always put in
   with textContent, never as HTML. */
(function () {
  "use strict";
  var VERSION = 1;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function uid() {
    return Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
  }

  function ChatSocket(roomName, handlers) {
    this.room = roomName;
    this.handlers = handlers || {};
    this.outbox = [];  // frames waiting for the server's echo (resent after a reconnect)
    this.attempt = 0;
    this.closedForGood = false;
    this.connect();
  }
  ChatSocket.prototype.url = function () {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    return scheme + location.host + "/ws/chat/" + encodeURIComponent(this.room) + "/";
  };
  ChatSocket.prototype.connect = function () {
    var self = this;
    var ws = new WebSocket(this.url());
    this.ws = ws;
    ws.onmessage = function (event) {
      var data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (data.type === "ready") {
        self.outbox.forEach(function (frame) { ws.send(JSON.stringify(frame)); });
      }
      if (data.type === "message" && data.message && data.message.client_id) {
        self.outbox = self.outbox.filter(function (f) { return f.client_id !== data.message.client_id; });
      }
      if (data.type === "error" && data.client_id && data.code !== "rate_limited") {
        self.outbox = self.outbox.filter(function (f) { return f.client_id !== data.client_id; });
      }
      var handler = self.handlers[data.type];
      if (handler) handler(data);
    };
    ws.onclose = function (event) {
      if (self.handlers.status) self.handlers.status("offline", event.code);
      if (event.code === 4401 || event.code === 4403 || self.closedForGood) {
        self.closedForGood = true;
        return;
      }
      var delay = Math.min(30000, 500 * Math.pow(2, self.attempt++)) * (0.5 + Math.random() / 2);
      setTimeout(function () { self.connect(); }, delay);
    };
    ws.onopen = function () {
      self.attempt = 0;
      if (self.handlers.status) self.handlers.status("online");
    };
  };
  ChatSocket.prototype.send = function (frame) {
    frame.v = VERSION;
    if (frame.type === "message") {
      frame.client_id = frame.client_id || uid();
      this.outbox.push(frame);
    }
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
    return frame;
  };
  ChatSocket.prototype.close = function () {
    this.closedForGood = true;
    if (this.ws) this.ws.close();
  };

  function productCard(product, labels) {
    var card = el("a", "chat-card chat-card-product");
    card.href = product.url;
    if (product.thumbnail) {
      var img = el("img");
      img.src = product.thumbnail;
      img.alt = "";
      img.width = 56;
      img.height = 56;
      card.appendChild(img);
    }
    var body = el("span", "chat-card-body");
    body.appendChild(el("span", "chat-card-title", product.name));
    body.appendChild(el("span", "chat-card-price", product.price_display));
    body.appendChild(el("span", "chat-card-stock " + (product.in_stock ? "in" : "out"),
      product.in_stock ? labels.in_stock : labels.out_of_stock));
    card.appendChild(body);
    return card;
  }

  function orderCard(order, labels) {
    var card = el("a", "chat-card chat-card-order");
    card.href = order.url;
    var body = el("span", "chat-card-body");
    body.appendChild(el("span", "chat-card-title", labels.order + " " + order.number));
    body.appendChild(el("span", "chat-card-status", order.status_display));
    body.appendChild(el("span", "chat-card-price", order.total_display));
    card.appendChild(body);
    return card;
  }

  function messageItem(message, mine, labels) {
    var item = el("li", "chat-msg " + (mine ? "chat-msg-mine" : "chat-msg-theirs"));
    item.dataset.id = message.id;
    if (message.client_id) item.dataset.clientId = message.client_id;
    var who = el("span", "chat-msg-who", message.sender.name);
    item.appendChild(who);
    if (message.text) item.appendChild(el("p", "chat-msg-text", message.text));
    if (message.product) item.appendChild(productCard(message.product, labels));
    if (message.order) item.appendChild(orderCard(message.order, labels));
    if (message.image) {
      var link = el("a", "chat-photo");
      link.href = message.image.url;
      var img = el("img");
      img.src = message.image.url;
      img.alt = labels.photo;
      img.loading = "lazy";
      if (message.image.width) { img.width = message.image.width; img.height = message.image.height; }
      link.appendChild(img);
      item.appendChild(link);
    }
    var meta = el("span", "chat-msg-meta");
    var time = el("time", "", new Date(message.created_at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }));
    time.dateTime = message.created_at;
    meta.appendChild(time);
    if (mine) {
      var mark = el("span", "chat-read-mark" + (message.read_at ? " is-read" : ""), message.read_at ? labels.read : labels.sent);
      meta.appendChild(mark);
    }
    item.appendChild(meta);
    return item;
  }

  function fetchJSON(url, options) {
    options = options || {};
    options.credentials = "same-origin";
    options.headers = Object.assign({ "X-CSRFToken": csrfToken(), Accept: "application/json" }, options.headers || {});
    return fetch(url, options).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) { var error = new Error(body.detail || body.error); error.body = body; throw error; }
        return body;
      });
    });
  }

  // Tag a product (widget and console): the catalog's autocomplete as the shopper or staff types
  // (debounced, two letters at least); each result is a button that calls onPick(product).
  function productSearch(searchInput, searchResults, url, buttonClass, onPick) {
    var searchTimer = null;
    searchInput.addEventListener("input", function () {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(function () {
        var q = searchInput.value.trim();
        if (q.length < 2) { searchResults.textContent = ""; return; }
        fetchJSON(url + "?q=" + encodeURIComponent(q)).then(function (body) {
          searchResults.textContent = "";
          body.results.forEach(function (p) {
            var li = el("li");
            var button = el("button", buttonClass, p.name + " · " + p.price_display);
            button.type = "button";
            button.addEventListener("click", function () { onPick(p); });
            li.appendChild(button);
            searchResults.appendChild(li);
          });
        });
      }, 200);
    });
  }

  window.HurtrockChat = {
    ChatSocket: ChatSocket, el: el, messageItem: messageItem, productCard: productCard,
    orderCard: orderCard, fetchJSON: fetchJSON, csrfToken: csrfToken, uid: uid,
    productSearch: productSearch,
  };
})();
