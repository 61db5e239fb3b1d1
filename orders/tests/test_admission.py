"""Admission control for checkout submissions (orders/admission.py): a few at a time per process,
GETs and visitors who are not signed in never wait, a submission that waits too long goes ahead,
a waiting submission has not loaded its user yet, and the race still has one winner."""

import threading
import time

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client, RequestFactory
from django.urls import reverse

from orders.admission import _gate, checkout_admission
from orders.tests.test_race import race, ready_buyer


def _counting_view():
    state = {"now": 0, "most": 0}
    lock = threading.Lock()

    def view(request):
        with lock:
            state["now"] += 1
            state["most"] = max(state["most"], state["now"])
        time.sleep(0.05)
        with lock:
            state["now"] -= 1
        return "done"

    return checkout_admission(view), state


def _post(path="/checkout/", *, signed_in=True):
    """A POST as the middleware leaves it: a session that names a user (or not)."""
    request = RequestFactory().post(path)
    request.session = {SESSION_KEY: "1"} if signed_in else {}
    return request


def _fire(view, requests):
    threads = [threading.Thread(target=view, args=(request,)) for request in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


@pytest.mark.parametrize("size", [1, 2])
def test_at_most_the_configured_number_of_submissions_run_at_once(settings, size):
    settings.CHECKOUT_CONCURRENCY, settings.CHECKOUT_QUEUE_SECONDS = size, 10
    view, state = _counting_view()
    _fire(view, [_post() for _ in range(6)])
    assert state["most"] == size


def test_pages_never_wait_and_zero_switches_it_off(settings):
    settings.CHECKOUT_CONCURRENCY, settings.CHECKOUT_QUEUE_SECONDS = 1, 10
    view, state = _counting_view()
    _fire(view, [RequestFactory().get("/checkout/") for _ in range(4)])
    assert state["most"] == 4
    settings.CHECKOUT_CONCURRENCY = 0
    view, state = _counting_view()
    _fire(view, [_post() for _ in range(4)])
    assert state["most"] == 4


def test_a_post_whose_session_names_no_user_never_queues(settings):
    """Such a POST ends at login_required: it must not take a buyer's place in the gate."""
    settings.CHECKOUT_CONCURRENCY, settings.CHECKOUT_QUEUE_SECONDS = 1, 10
    view, state = _counting_view()
    _fire(view, [_post(signed_in=False) for _ in range(4)])
    assert state["most"] == 4


def test_a_submission_that_waits_too_long_goes_ahead(settings):
    settings.CHECKOUT_CONCURRENCY, settings.CHECKOUT_QUEUE_SECONDS = 1, 0.01
    view, state = _counting_view()
    _fire(view, [_post() for _ in range(3)])
    assert state["most"] > 1


@pytest.mark.postgres
@pytest.mark.skipif(not settings.IS_POSTGRES, reason="row locks need PostgreSQL (CI runs this)")
@pytest.mark.django_db(transaction=True)
def test_with_the_gate_on_ten_buyers_for_three_units_give_three_orders(settings):
    from django.db.models import Sum

    from catalog.models import Product
    from inventory.models import StockMovement
    from orders.models import Order
    from orders.tests.factories import bank_account_configure, courier_setup, stocked_product

    settings.CHECKOUT_CONCURRENCY, settings.CHECKOUT_QUEUE_SECONDS = 2, 30
    _destination, service = courier_setup()
    bank_account_configure()
    product = stocked_product(3, name="Gibson Les Paul Custom")
    responses, errors, _seconds = race([ready_buyer(product, service) for _ in range(10)])
    assert errors == []
    assert sum(1 for r in responses if r.status_code == 302 and r.url.startswith("/orders/")) == 3
    assert sum(1 for r in responses if r.status_code == 302 and r.url == "/cart/") == 7
    assert Order.objects.count() == 3
    assert Product.objects.get(pk=product.pk).stock_quantity == 0
    assert StockMovement.objects.filter(product=product).aggregate(s=Sum("quantity"))["s"] == 0


@pytest.mark.postgres
@pytest.mark.skipif(not settings.IS_POSTGRES, reason="Django never closes an in-memory SQLite database's connection")
@pytest.mark.django_db(transaction=True)
def test_a_submission_that_waits_gives_its_database_connection_back(settings):
    """The waiting thread's connection is closed (returned to the pool) while it waits, and the view,
    once admitted, still reads the database."""
    from django.db import connections

    from hurtrock.models import User

    settings.CHECKOUT_CONCURRENCY, settings.CHECKOUT_QUEUE_SECONDS = 1, 10
    release, holding = threading.Event(), threading.Event()
    seen = {}

    def view(request):
        if request.path == "/first/":
            holding.set()
            release.wait(10)
            return "first"
        seen["users"] = User.objects.count()
        return "second"

    gated = checkout_admission(view)

    def second():
        own = connections["default"]  # this thread's connection, not the proxy (read from the test)
        User.objects.exists()  # as a session read from the database does: it now holds a connection
        seen["connection"] = own
        seen["open_before"] = own.connection is not None
        seen["answer"] = gated(_post("/second/"))
        own.close()

    first = threading.Thread(target=gated, args=(_post("/first/"),))
    first.start()
    assert holding.wait(10)
    waiter = threading.Thread(target=second)
    waiter.start()
    deadline = time.monotonic() + 10
    while "connection" not in seen or seen["connection"].connection is not None:
        assert time.monotonic() < deadline, "the waiting submission kept its connection"
        time.sleep(0.01)
    release.set()
    first.join(10)
    waiter.join(10)
    assert seen["open_before"] is True
    assert seen["answer"] == "second"
    assert seen["users"] == 0


def _waiting(gate, deadline_seconds=10) -> None:
    deadline = time.monotonic() + deadline_seconds
    while not gate._cond._waiters:  # noqa: SLF001 - the only way to see a thread queue
        assert time.monotonic() < deadline, "the submission never reached the gate"
        time.sleep(0.005)


@pytest.mark.django_db(transaction=True)
def test_the_checkout_view_loads_its_user_only_once_admitted(settings):
    """The real view: while the gate is full, a signed-in buyer's submission waits without having
    read its user from the database (so it holds no connection); admitted, it is answered."""
    from django.db import connections

    from hurtrock.testing.factories import UserFactory

    settings.CHECKOUT_CONCURRENCY, settings.CHECKOUT_QUEUE_SECONDS = 1, 10
    client = Client()
    client.force_login(UserFactory())
    gate = _gate(1)
    seen = {}

    def submit():
        own = connections["default"]  # this thread's connection (not the proxy), recording its queries
        own.force_debug_cursor = True
        seen["connection"] = own
        try:
            seen["response"] = client.post(reverse("orders:checkout"), {"action": "place"})
        finally:
            own.close()

    assert gate.acquire(timeout=5)  # another submission is being placed
    thread = threading.Thread(target=submit)
    try:
        thread.start()
        _waiting(gate)
        queries = [query["sql"] for query in seen["connection"].queries_log]
        assert not any("hurtrock_user" in sql for sql in queries), queries
    finally:
        gate.release()
        thread.join(30)
    assert seen["response"].status_code == 302  # admitted: profile incomplete, sent to complete it
