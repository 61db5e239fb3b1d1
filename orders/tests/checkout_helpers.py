"""What the checkout tests share besides the `shop` and `buyer` fixtures (orders/tests/conftest.py):
a cart filled over HTTP, and the checkout form as a browser would submit it."""

from django.urls import reverse

from orders.models import PaymentMethod


def fill_cart(client, products, quantity=1):
    for product in products:
        response = client.post(reverse("orders:cart_add", args=[product.pk]), {"quantity": quantity})
        assert response.status_code == 302


def place_form(response, service, **overrides) -> dict:
    """The checkout form as the browser would submit it (initial values + the buyer's choices)."""
    form = response.context["form"]
    data = {name: form[name].value() or "" for name in form.ADDRESS_FIELDS}
    data.update(
        {
            "idempotency_key": str(form["idempotency_key"].value()),
            "shipping_service": str(service.pk),
            "payment_method": PaymentMethod.BANK_TRANSFER.value,
            "note": "",
            "action": "place",
        }
    )
    data.update(overrides)
    return data
