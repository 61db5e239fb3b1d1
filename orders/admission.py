"""Admission control for placing orders: in one process at most CHECKOUT_CONCURRENCY checkout
submissions run at once, the others wait for their turn before touching the database.

Why: Django runs every sync request on its own thread, so fifty buyers who submit at the same
moment all run at once and share the CPU; nobody finishes until nearly everybody does, and all
fifty do the whole order placement even though only the stock's worth can win. Taken a few at a
time, the first ones commit quickly, and the rest find the product sold out at the cart check
(a few cheap queries and a redirect) instead of in `order_place`. Correctness never depends on
this: the stock is guarded by the database (`inventory.services.stock_reserve`), across processes.

A submission that has to wait first gives back its database connection (the one that loaded the
signed-in user): with the psycopg pool it returns to the pool, so a rush of fifty buyers keeps only
the admitted few connections busy instead of opening one per waiting thread. On this machine the
first rush on a fresh server went from a p95 of 415 ms to 274 ms (medians of five, docs/performance.md):
each new PostgreSQL backend costs a fork and cold catalog caches, and fewer backends compete for the CPU.

A submission waits at most CHECKOUT_QUEUE_SECONDS and then goes ahead anyway. 0 switches it off.
"""

import threading
from functools import wraps

from django.conf import settings
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
    """Decorator for the checkout view: POSTs go through the gate, GETs never wait."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        size = settings.CHECKOUT_CONCURRENCY
        if request.method != "POST" or size <= 0:
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


def _connection_give_back() -> None:
    """Hand this thread's database connection back (to the pool) before a wait; the view opens or
    borrows one again at its first query. Never inside a transaction (it would end it)."""
    for conn in connections.all(initialized_only=True):
        if not conn.in_atomic_block:
            conn.close()
