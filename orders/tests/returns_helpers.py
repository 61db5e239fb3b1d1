"""Delivered orders for the return tests, paid and moved along the pipeline by the real services."""

from catalog.tests.factories import image_bytes, upload
from orders.models import OrderStatus, PaymentMethod
from orders.services import order_mark_shipped, order_transition
from orders.tests.factories import order_for, stocked_product
from payments.models import ProofStatus, TransferProof


def deliver(order, *, staff=None):
    order_mark_shipped(order=order, tracking_number="JNE123", user=staff)
    order_transition(order=order, to_status=OrderStatus.DELIVERED, user=staff)
    order.refresh_from_db()
    return order


def bank_paid_delivered(*, items=None, staff=None, user=None, voucher_code=""):
    """A bank-transfer order whose proof staff accepted (a real Payment row), then delivered."""
    from payments.services import transfer_proof_accept, transfer_proof_submit

    if items is None:
        items = [(stocked_product(5, price=1_000_000), 2), (stocked_product(5, price=300_000), 1)]
    if voucher_code:
        from orders.tests.promotions_helpers import place

        order = place(items=items, user=user, voucher_code=voucher_code)
    else:
        order = order_for(user=user, items=items, payment_method=PaymentMethod.BANK_TRANSFER)
    proof = transfer_proof_submit(order=order, upload=photo("bukti.jpg"), user=order.user)
    if staff is None:
        from hurtrock.testing.factories import AdminFactory

        staff = AdminFactory()
    transfer_proof_accept(proof=proof, user=staff)
    assert TransferProof.objects.get(pk=proof.pk).status == ProofStatus.ACCEPTED
    order.refresh_from_db()
    return deliver(order, staff=staff)


def photo(name="rusak.jpg"):
    return upload(name, image_bytes(size=(640, 480)))
