"""Admission control for placing orders: in one process at most CHECKOUT_CONCURRENCY checkout
submissions run at once, the others wait for their turn before touching the database.

Why: Django runs every sync request on its own thread, so fifty buyers who submit at the same
moment all run at once and share the CPU; nobody finishes until nearly everybody does, and all
fifty do the whole order placement even though only the stock's worth can win. Taken a few at a
time, the first ones commit quickly, and the rest find the product sold out at the cart check
(a few cheap queries and a redirect) instead of in `order_place`. Correctness never depends on
this: the stock is guarded by the database (`inventory.services.stock_reserve`), across processes.

The gate comes before the signed-in user is loaded (it is the view's outermost decorator, and it
looks only at the session, which lives in the cache): a waiting submission has done no database
work, so fifty buyers at once keep only the admitted few connections busy, and no new PostgreSQL
backend is opened for them (each costs a fork and cold catalog caches). Only a session that says
"signed in" queues; any other POST goes straight on to `login_required`. A waiting submission
that did touch the database first (a session read from the database after a cache miss) gives
its connection back (with the psycopg pool it returns to the pool). On this machine the give-back
took the first rush on a fresh server from a p95 of 415 ms to 274 ms, and the gate before the user
from 342/240/434 ms to 240/244/254 ms on three fresh servers (docs/performance.md, "Checkout,
seventh round").

A submission waits at most CHECKOUT_QUEUE_SECONDS and then goes ahead anyway. 0 switches it off.
"""

import threading
from functools import wraps

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import connections

_lock = threading.Lock()
_gates: dict[int, threading.BoundedSemaphore] = {}


def _gate(size: int) -> threading.BoundedSemaphore:
    with _lock:
        gate = _gates.get(size)
        if gate is None:
            gate = _gates[size] = threading.BoundedSemaphore(size)
        return gate


def checkout_admission(view):
    """Decorator for the checkout view: signed-in POSTs go through the gate, GETs never wait.

    Put it outside `login_required`, so that the user is loaded once admitted."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        size = settings.CHECKOUT_CONCURRENCY
        if request.method != "POST" or size <= 0 or not _signed_in(request):
            return view(request, *args, **kwargs)
        gate = _gate(size)
        admitted = gate.acquire(blocking=False)
        if not admitted:
            _connection_give_back()
            admitted = gate.acquire(timeout=settings.CHECKOUT_QUEUE_SECONDS)
        try:
            return view(request, *args, **kwargs)
        finally:
            if admitted:
                gate.release()

    return wrapper


def _signed_in(request) -> bool:
    """Whether the session names a user (without loading the user: no database query)."""
    session = getattr(request, "session", None)
    return session is not None and SESSION_KEY in session


def _connection_give_back() -> None:
    """Hand this thread's database connection back (to the pool) before a wait; the view opens or
    borrows one again at its first query. Never inside a transaction (it would end it)."""
    for conn in connections.all(initialized_only=True):
        if not conn.in_atomic_block:
            conn.close()
