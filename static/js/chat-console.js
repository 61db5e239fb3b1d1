/* The staff console (templates/chat/console.html): the open conversation over its room socket,
   room list updates, title badge and optional sound over the staff lobby socket. */
(function () {
  "use strict";
  var root = document.getElementById("chat-console");
  if (!root || !window.HurtrockChat) return;
  var C = window.HurtrockChat;
  var labels = JSON.parse(document.getElementById("chat-i18n").textContent);
  var myId = Number(root.dataset.userId);
  var room = root.dataset.room;
  var baseTitle = document.title;
  var newCount = 0;
  var sound = document.getElementById("chat-sound");
  try { sound.checked = localStorage.getItem("hurtrock-chat-sound") === "1"; } catch (e) { /* private mode */ }
  sound.addEventListener("change", function () {
    try { localStorage.setItem("hurtrock-chat-sound", sound.checked ? "1" : "0"); } catch (e) { /* ignore */ }
  });

  function beep() {
    if (!sound.checked || !window.AudioContext) return;
    var ctx = new AudioContext();
    var osc = ctx.createOscillator();
    osc.frequency.value = 880;
    osc.connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.15);
  }

  function titleBadge(n) {
    newCount = n;
    document.title = (n ? "(" + n + ") " : "") + baseTitle;
  }
  window.addEventListener("focus", function () { titleBadge(0); });

  function roomCard(name) { return root.querySelector('.chat-room-card[data-room="' + name + '"]'); }

  // The lobby: every room's news for the list, the title badge and the sound.
  new C.ChatSocket("_staff", {
    room: function (data) {
      var info = data.room;
      var card = roomCard(info.name);
      if (info.message && !info.message.is_from_staff) {
        if (info.name !== room || document.visibilityState !== "visible") { titleBadge(newCount + 1); beep(); }
        if (card) {
          card.querySelector(".chat-room-last").textContent = info.message.text.slice(0, 60);
          if (info.name !== room) {
            var unread = card.querySelector(".chat-room-unread");
            unread.textContent = String(Number(unread.textContent || 0) + 1);
            unread.hidden = false;
          }
          card.parentNode.insertBefore(card, card.parentNode.firstChild);
        }
      }
      if (info.read_up_to && card) { card.querySelector(".chat-room-unread").hidden = true; }
    },
    presence: function (data) {
      var online = document.getElementById("chat-staff-online");
      var names = (data.presence.staff || []).map(function (s) { return s.name; });
      online.textContent = names.length ? names.join(", ") : "—";
      var card = data.room && !data.user.is_staff && roomCard(data.room);
      if (card) card.querySelector(".chat-online-dot").classList.toggle("is-online", data.online);
    },
  });

  if (!room) return;
  var log = root.querySelector(".chat-log");
  var form = root.querySelector(".chat-form");
  var input = form.querySelector("textarea");
  var typingLine = root.querySelector(".chat-typing");
  var buyerState = document.getElementById("chat-buyer-state");
  var pendingBox = root.querySelector(".chat-pending");
  var searchBox = root.querySelector(".chat-product-search");
  var searchInput = searchBox.querySelector("input");
  var searchResults = searchBox.querySelector("ul");
  var pending = { product_id: null, order_number: null, label: "" };
  var oldestId = null;
  var hasMore = true;
  var loading = false;
  var lastTypingSent = 0;
  var typingTimer = null;

  function showError(text) {
    var note = root.querySelector(".chat-error");
    note.textContent = text;
    note.hidden = false;
    setTimeout(function () { note.hidden = true; }, 6000);
  }

  function markRead() {
    if (document.visibilityState === "visible") socket.send({ type: "read" });
  }

  var socket = new C.ChatSocket(room, {
    ready: function (data) {
      buyerState.textContent = data.presence.buyer_online ? labels.buyer_online : labels.buyer_offline;
      oldestId = null; hasMore = true; log.textContent = "";
      loading = true;
      socket.send({ type: "history" });
    },
    history: function (data) {
      loading = false;
      hasMore = data.has_more;
      var first = log.firstChild;
      var before = log.scrollHeight;
      data.messages.forEach(function (m) {
        if (log.querySelector('[data-id="' + m.id + '"]')) return;
        log.insertBefore(C.messageItem(m, m.is_from_staff, labels), first);
      });
      if (data.messages.length) oldestId = data.messages[0].id;
      if (first) log.scrollTop += log.scrollHeight - before; else log.scrollTop = log.scrollHeight;
      markRead();
    },
    message: function (data) {
      var m = data.message;
      var existing = log.querySelector('[data-id="' + m.id + '"]') ||
        (m.client_id && log.querySelector('[data-client-id="' + m.client_id + '"]'));
      var item = C.messageItem(m, m.is_from_staff, labels);
      if (existing) log.replaceChild(item, existing); else log.appendChild(item);
      log.scrollTop = log.scrollHeight;
      if (!m.is_from_staff) { typingLine.hidden = true; markRead(); }
    },
    typing: function (data) { if (!data.user.is_staff) typingLine.hidden = !data.is_typing; },
    read: function (data) {
      if (data.reader_is_staff) return;
      log.querySelectorAll(".chat-msg-mine").forEach(function (item) {
        if (Number(item.dataset.id) <= data.up_to) {
          var mark = item.querySelector(".chat-read-mark");
          if (mark) { mark.textContent = labels.read; mark.classList.add("is-read"); }
        }
      });
    },
    presence: function (data) {
      buyerState.textContent = data.presence.buyer_online ? labels.buyer_online : labels.buyer_offline;
    },
    error: function (data) { showError(data.detail); },
  });

  log.addEventListener("scroll", function () {
    if (log.scrollTop < 40 && hasMore && !loading) { loading = true; socket.send({ type: "history", before: oldestId }); }
  });
  document.addEventListener("visibilitychange", markRead);
  root.querySelector(".chat-mark-read").addEventListener("click", function () { socket.send({ type: "read" }); });

  function setPending(tag) {
    pending = tag;
    pendingBox.textContent = tag.label || "";
    pendingBox.hidden = !tag.label;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text && !pending.product_id && !pending.order_number) return;
    socket.send({ type: "message", text: text, product_id: pending.product_id, order_number: pending.order_number });
    input.value = "";
    setPending({ product_id: null, order_number: null, label: "" });
    socket.send({ type: "typing", is_typing: false });
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });
  input.addEventListener("input", function () {
    var now = Date.now();
    if (now - lastTypingSent > 2000) { socket.send({ type: "typing", is_typing: true }); lastTypingSent = now; }
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () { socket.send({ type: "typing", is_typing: false }); lastTypingSent = 0; }, 3000);
  });
  var quick = root.querySelector(".chat-quick");
  if (quick) quick.addEventListener("change", function () { if (quick.value) { input.value = quick.value; input.focus(); quick.value = ""; } });

  root.querySelectorAll(".chat-tag-this-order").forEach(function (button) {
    button.addEventListener("click", function () {
      setPending({ product_id: null, order_number: button.dataset.order, label: labels.tagged + " " + labels.order + " " + button.dataset.order });
      input.focus();
    });
  });
  root.querySelector(".chat-tag-product").addEventListener("click", function () {
    searchBox.hidden = !searchBox.hidden;
    if (!searchBox.hidden) searchInput.focus();
  });
  C.productSearch(searchInput, searchResults, root.dataset.autocompleteUrl, "button chat-pick", function (p) {
    setPending({ product_id: p.id, order_number: null, label: labels.tagged + " " + p.name });
    searchBox.hidden = true;
    input.focus();
  });
})();
