/* The buyer's chat widget (templates/chat/widget.html). Progressive enhancement: without
   JavaScript the launcher is a link to /chat/. */
(function () {
  "use strict";
  var root = document.getElementById("chat-widget");
  if (!root || !window.HurtrockChat) return;
  var C = window.HurtrockChat;
  var labels = JSON.parse(document.getElementById("chat-i18n").textContent);
  var launcher = root.querySelector(".chat-launcher");
  var panel = root.querySelector(".chat-panel");
  var log = root.querySelector(".chat-log");
  var badge = root.querySelector(".chat-badge");
  var form = root.querySelector(".chat-form");
  var input = form.querySelector("textarea");
  var typingLine = root.querySelector(".chat-typing");
  var statusLine = root.querySelector(".chat-status");
  var hoursLine = root.querySelector(".chat-hours");
  var pendingBox = root.querySelector(".chat-pending");
  var searchBox = root.querySelector(".chat-product-search");
  var searchInput = searchBox.querySelector("input");
  var searchResults = searchBox.querySelector("ul");
  var orderBox = root.querySelector(".chat-order-pick");
  var orderList = orderBox.querySelector("ul");
  var photoInput = root.querySelector(".chat-photo-input");
  var room = root.dataset.room || "";
  var socket = null;
  var unread = 0;
  var oldestId = null;
  var hasMore = true;
  var loadingHistory = false;
  var pending = { product_id: null, order_number: null, label: "" };
  var typingTimer = null;
  var lastTypingSent = 0;
  var myId = Number(root.dataset.userId);

  function isOpen() { return !panel.hidden; }

  function setBadge(n) {
    unread = Math.max(0, n);
    badge.textContent = String(unread);
    badge.hidden = unread === 0 || isOpen();
  }

  function ensureRoom() {
    if (room) return Promise.resolve(room);
    return C.fetchJSON(root.dataset.myRoomUrl, { method: "POST" }).then(function (body) {
      room = body.room;
      showHours(body.store);
      return room;
    });
  }

  function showHours(store) {
    if (store && !store.is_open && store.opens_at) {
      var back = new Date(store.opens_at);
      hoursLine.textContent = labels.closed.replace("%s", back.toLocaleString([], { weekday: "long", hour: "2-digit", minute: "2-digit" }));
      hoursLine.hidden = false;
    }
  }
  if (root.dataset.store) showHours(JSON.parse(root.dataset.store));

  function connect() {
    if (socket || !room) return;
    socket = new C.ChatSocket(room, {
      ready: function (data) {
        setBadge(isOpen() ? 0 : data.unread || 0);
        oldestId = null; hasMore = true; log.textContent = ""; requestHistory();
      },
      history: function (data) {
        loadingHistory = false;
        hasMore = data.has_more;
        var first = log.firstChild;
        var before = log.scrollHeight;
        data.messages.forEach(function (m) {
          if (log.querySelector('[data-id="' + m.id + '"]')) return;
          log.insertBefore(C.messageItem(m, m.sender.id === myId, labels), first);
        });
        if (data.messages.length) oldestId = data.messages[0].id;
        if (first) log.scrollTop += log.scrollHeight - before; else log.scrollTop = log.scrollHeight;
        markRead();
      },
      message: function (data) {
        var m = data.message;
        var mine = m.sender.id === myId;
        var existing = log.querySelector('[data-id="' + m.id + '"]') ||
          (m.client_id && log.querySelector('[data-client-id="' + m.client_id + '"]'));
        var item = C.messageItem(m, mine, labels);
        if (existing) log.replaceChild(item, existing); else log.appendChild(item);
        log.scrollTop = log.scrollHeight;
        if (!mine) {
          typingLine.hidden = true;
          if (isOpen() && document.visibilityState === "visible") markRead(); else setBadge(unread + 1);
        }
      },
      typing: function (data) {
        if (data.user.id === myId) return;
        typingLine.hidden = !data.is_typing;
      },
      read: function (data) {
        if (!data.reader_is_staff) return;
        log.querySelectorAll(".chat-msg-mine").forEach(function (item) {
          if (Number(item.dataset.id) <= data.up_to) {
            var mark = item.querySelector(".chat-read-mark");
            if (mark) { mark.textContent = labels.read; mark.classList.add("is-read"); }
          }
        });
      },
      presence: function (data) {
        var staff = data.presence && data.presence.staff && data.presence.staff.length;
        statusLine.textContent = staff ? labels.staff_online : labels.staff_offline;
      },
      error: function (data) {
        showError(data.detail);
        if (data.client_id) {
          var item = log.querySelector('[data-client-id="' + data.client_id + '"]');
          if (item) item.classList.add("chat-msg-failed");
        }
      },
      status: function (state) {
        if (state === "offline") statusLine.textContent = labels.reconnecting;
      },
    });
  }

  function showError(text) {
    var note = root.querySelector(".chat-error");
    note.textContent = text;
    note.hidden = false;
    setTimeout(function () { note.hidden = true; }, 6000);
  }

  function requestHistory() {
    if (!socket || loadingHistory || !hasMore) return;
    loadingHistory = true;
    socket.send({ type: "history", before: oldestId });
  }

  function markRead() {
    if (socket && isOpen() && document.visibilityState === "visible") {
      socket.send({ type: "read" });
      setBadge(0);
    }
  }

  function open(focus) {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    setBadge(0);
    return ensureRoom().then(function () {
      connect();
      markRead();
      if (focus !== false) input.focus();
    }).catch(function (error) { showError(error.message); });
  }

  function close() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }

  launcher.addEventListener("click", function (event) {
    event.preventDefault();
    if (isOpen()) close(); else open();
  });
  root.querySelector(".chat-close").addEventListener("click", close);
  panel.addEventListener("keydown", function (event) { if (event.key === "Escape") close(); });
  log.addEventListener("scroll", function () { if (log.scrollTop < 40) requestHistory(); });
  document.addEventListener("visibilitychange", markRead);

  function setPending(tag) {
    pending = tag;
    pendingBox.textContent = "";
    if (!tag.label) { pendingBox.hidden = true; return; }
    pendingBox.appendChild(C.el("span", "", tag.label));
    var remove = C.el("button", "btn btn-sm btn-link", labels.remove_tag);
    remove.type = "button";
    remove.addEventListener("click", function () { setPending({ product_id: null, order_number: null, label: "" }); });
    pendingBox.appendChild(remove);
    pendingBox.hidden = false;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text && !pending.product_id && !pending.order_number) return;
    ensureRoom().then(function () {
      connect();
      var frame = socket.send({ type: "message", text: text, product_id: pending.product_id, order_number: pending.order_number });
      var placeholder = C.messageItem({
        id: "", client_id: frame.client_id, sender: { name: labels.you, id: myId }, text: text,
        created_at: new Date().toISOString(), read_at: null,
      }, true, labels);
      placeholder.classList.add("chat-msg-sending");
      log.appendChild(placeholder);
      log.scrollTop = log.scrollHeight;
      input.value = "";
      setPending({ product_id: null, order_number: null, label: "" });
      socket.send({ type: "typing", is_typing: false });
    });
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });
  input.addEventListener("input", function () {
    if (!socket) return;
    var now = Date.now();
    if (now - lastTypingSent > 2000) { socket.send({ type: "typing", is_typing: true }); lastTypingSent = now; }
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () { socket.send({ type: "typing", is_typing: false }); lastTypingSent = 0; }, 3000);
  });

  // Tag a product: search through the catalog's autocomplete.
  root.querySelector(".chat-tag-product").addEventListener("click", function () {
    searchBox.hidden = !searchBox.hidden;
    orderBox.hidden = true;
    if (!searchBox.hidden) searchInput.focus();
  });
  C.productSearch(searchInput, searchResults, root.dataset.autocompleteUrl, "chat-pick", function (p) {
    setPending({ product_id: p.id, order_number: null, label: labels.tagged + " " + p.name });
    searchBox.hidden = true;
    input.focus();
  });

  // Tag one of my orders.
  root.querySelector(".chat-tag-order").addEventListener("click", function () {
    orderBox.hidden = !orderBox.hidden;
    searchBox.hidden = true;
    if (orderBox.hidden) return;
    ensureRoom().then(function () {
      return C.fetchJSON("/api/chat/rooms/" + encodeURIComponent(room) + "/orders/");
    }).then(function (body) {
      orderList.textContent = "";
      if (!body.results.length) orderList.appendChild(C.el("li", "", labels.no_orders));
      body.results.forEach(function (o) {
        var li = C.el("li");
        var button = C.el("button", "chat-pick", o.number + " · " + o.status_display + " · " + o.total_display);
        button.type = "button";
        button.addEventListener("click", function () {
          setPending({ product_id: null, order_number: o.number, label: labels.tagged + " " + labels.order + " " + o.number });
          orderBox.hidden = true;
          input.focus();
        });
        li.appendChild(button);
        orderList.appendChild(li);
      });
      var firstPick = orderList.querySelector("button");
      if (firstPick) firstPick.focus();
    });
  });

  // Attach a photo (validated and resized on the server).
  photoInput.addEventListener("change", function () {
    var file = photoInput.files[0];
    if (!file) return;
    ensureRoom().then(function () {
      connect();
      var data = new FormData();
      data.append("photo", file);
      data.append("client_id", C.uid());
      return C.fetchJSON("/api/chat/rooms/" + encodeURIComponent(room) + "/photo/", { method: "POST", body: data });
    }).catch(function (error) { showError(error.message); }).then(function () { photoInput.value = ""; });
  });

  // "Ask about this product" / "Ask about this order" open the widget with the card tagged.
  document.addEventListener("click", function (event) {
    var trigger = event.target.closest("[data-chat-product], [data-chat-order]");
    if (!trigger) return;
    event.preventDefault();
    open().then(function () {
      if (trigger.dataset.chatProduct) {
        setPending({ product_id: Number(trigger.dataset.chatProduct), order_number: null,
          label: labels.tagged + " " + (trigger.dataset.chatLabel || "") });
      } else {
        setPending({ product_id: null, order_number: trigger.dataset.chatOrder,
          label: labels.tagged + " " + labels.order + " " + trigger.dataset.chatOrder });
      }
    });
  });

  if (room) connect();
  if (root.dataset.open === "1") open(false);
})();
