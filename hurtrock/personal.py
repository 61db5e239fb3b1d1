"""What one signed-in buyer sees of themselves on a cached page, cut out and filled in per request.

The page cache (`hurtrock/pagecache.py`) keeps one copy of a storefront page per language and
URL for all signed-in buyers. Nothing that belongs to one buyer is ever in that copy: templates
mark those parts, the copy keeps a placeholder instead, and every hit fills the placeholders for
the buyer asking:

- a **hole**, `{% personal "partials/nav_account.html" %}`: a template rendered with the request's
  context processors only (the navbar's account menu and its cart and wishlist badges, the
  messages, the chat widget). It must not need the page's own context. Holes in `KEPT_HOLES`
  depend on nothing but the buyer and the language: rendered once, they are kept with the
  buyer's cached badges (their CSRF token and nonce as marks) and reused on the next hits.
- a **switch**, `{% personal_switch "wishlist" product.pk %}…{% endpersonal_switch %}`: a piece of
  the page with two states for a buyer (heart filled or empty, …). Both states are rendered when
  the page is stored; a hit asks the switch's resolver (registered with `switch_register`) which
  one this buyer gets.

Outside a recording (any request the page cache does not store) both tags simply render their
content, so a page looks the same whether it came from the cache or not.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

_OPEN, _SEP, _CLOSE = "\x00hole\x01", "\x01", "\x00/hole\x00"
_WRAPPED = re.compile("\x00hole\x01([^\x00\x01]+)\x01(.*?)\x00/hole\x00", re.DOTALL)
_PLACEHOLDER = re.compile("\x00hole\x01([^\x00\x01]+)\x00")


@dataclass(frozen=True)
class Switch:
    """`override(on, arg)`: context for rendering the state; `resolve(context, arg)`: this buyer's state."""

    override: Callable[[bool, str], dict]
    resolve: Callable[..., bool]
    kept: bool = False  # the state is kept with the buyer's cached badges (it costs queries)


SWITCHES: dict[str, Switch] = {}

# Holes whose HTML is the same on every page for one buyer in one language (no request path, no
# page context, no messages): kept per buyer like the switch states. A render costs ~2 ms each.
KEPT_HOLES = frozenset({"partials/nav_account.html", "partials/nav_badges.html", "chat/partials/widget_slot.html"})


def switch_register(
    name: str, *, override: Callable[[bool, str], dict], resolve: Callable[..., bool], kept: bool = False
) -> None:
    SWITCHES[name] = Switch(override=override, resolve=resolve, kept=kept)


# --- While the page is rendered for the cache ---------------------------------------------------


def recording(request) -> bool:
    return getattr(request, "_personal_switches", None) is not None


def record_start(request) -> None:
    request._personal_switches = {}


def wrap(piece_id: str, html: str) -> str:
    return f"{_OPEN}{piece_id}{_SEP}{html}{_CLOSE}"


def record_switch(request, piece_id: str, off: str, on: str) -> None:
    request._personal_switches[piece_id] = (off, on)


def split(request, body: str) -> tuple[str, str, dict]:
    """(the body this buyer gets, the body to store with placeholders, the switches' two states)."""
    live = _WRAPPED.sub(lambda m: m.group(2), body)
    stored = _WRAPPED.sub(lambda m: f"{_OPEN}{m.group(1)}\x00", body)
    return live, stored, dict(getattr(request, "_personal_switches", None) or {})


def strip(body: str) -> str:
    return _WRAPPED.sub(lambda m: m.group(2), body)


# --- On a hit -----------------------------------------------------------------------------------


def fill(
    request,
    body: str,
    switches: dict,
    known: dict | None = None,
    kept: dict | None = None,
    mark: Callable[[object, str], str] | None = None,
) -> str:
    """Render this request's holes and pick its switches' states (context processors run once;
    `known` context values, read once for the buyer elsewhere, take their place). The states of
    `kept` switches and the HTML of `KEPT_HOLES` are taken from, and new ones added to, `kept`
    (cached with the buyer's badges); `mark(request, html)` takes the request's CSRF token and
    nonce out of a hole's HTML before it is kept, and the caller puts this request's back."""
    ids = set(_PLACEHOLDER.findall(body))
    if not ids:
        return body
    from django.template import Engine, RequestContext

    engine = Engine.get_default()
    context = RequestContext(request)
    pieces = {}
    with context.bind_template(engine.from_string("")), context.push(known or {}):
        for piece_id in ids:
            kind, _, rest = piece_id.partition(":")
            if kind == "t":
                keep = rest in KEPT_HOLES and kept is not None and mark is not None
                kept_id = f"h:{getattr(request, 'LANGUAGE_CODE', '')}:{rest}"
                if keep and kept_id in kept:
                    pieces[piece_id] = kept[kept_id]
                    continue
                pieces[piece_id] = engine.get_template(rest).render(context)
                if keep:
                    kept[kept_id] = mark(request, pieces[piece_id])
            else:
                name, _, arg = rest.partition(":")
                switch = SWITCHES[name]
                if switch.kept and kept is not None and piece_id in kept:
                    on = kept[piece_id]
                else:
                    on = bool(switch.resolve(context, arg))
                    if switch.kept and kept is not None:
                        kept[piece_id] = on
                pieces[piece_id] = switches[piece_id][on]
    return _PLACEHOLDER.sub(lambda m: pieces[m.group(1)], body)
