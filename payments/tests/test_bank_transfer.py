"""Bank transfer with a proof: only the owner uploads, staff decide, other buyers see nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from hurtrock.testing.factories import AdminFactory, CompleteProfileUserFactory, StaffFactory
from orders.models import OrderStatus, PaymentMethod
from orders.tests.factories import order_for
from payments.models import Payment, PaymentStatus, ProofStatus, TransferProof

pytestmark = pytest.mark.django_db


def picture(name="bukti.jpg", size=(800, 600), fmt="JPEG", exif=True) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    image = Image.new("RGB", size, (200, 30, 30))
    kwargs = {}
    if exif:
        info = Image.Exif()
        info[0x010F] = "SecretCam"  # Make
        kwargs["exif"] = info.tobytes()
    image.save(buffer, format=fmt, **kwargs)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def upload(client, order, file, sender="Rina W."):
    return client.post(
        reverse("payments:transfer_proof_upload", args=[order.number]), {"image": file, "sender_name": sender}
    )


@pytest.fixture
def order():
    return order_for(payment_method=PaymentMethod.BANK_TRANSFER)


def test_the_owner_uploads_a_proof_that_is_re_encoded_without_metadata(client, order):
    client.force_login(order.user)
    response = upload(client, order, picture())
    assert response.status_code == 302
    proof = TransferProof.objects.get()
    assert proof.status == ProofStatus.SUBMITTED and proof.sender_name == "Rina W."
    assert proof.payment.provider == "bank_transfer" and proof.payment.amount == order.total
    assert proof.payment.status == PaymentStatus.PENDING
    with proof.image.open("rb") as stored:
        data = stored.read()
    assert b"SecretCam" not in data
    reopened = Image.open(io.BytesIO(data))
    assert not reopened.getexif() and reopened.format in ("WEBP", "JPEG")
    # Kept out of MEDIA_ROOT: not reachable under /media/.
    from django.conf import settings

    assert str(settings.PRIVATE_MEDIA_ROOT) in proof.image.path
    page = client.get(order.get_absolute_url()).content.decode()
    assert 'data-proof="submitted"' in page


@pytest.mark.parametrize(
    "file",
    [
        SimpleUploadedFile("bukti.jpg", b"this is not a picture", content_type="image/jpeg"),
        SimpleUploadedFile("bukti.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, content_type="image/png"),
    ],
    ids=["text-named-jpg", "truncated-png"],
)
def test_files_that_are_not_images_are_refused(client, order, file):
    client.force_login(order.user)
    response = upload(client, order, file)
    assert response.status_code == 302
    assert not TransferProof.objects.exists() and not Payment.objects.exists()


def test_a_pixel_bomb_is_refused(client, order, settings):
    settings.CATALOG_IMAGE_MAX_PIXELS = 1000
    client.force_login(order.user)
    upload(client, order, picture(size=(100, 100)))
    assert not TransferProof.objects.exists()


def test_other_buyers_staff_and_visitors_cannot_upload_or_see_proofs(client, order):
    client.force_login(order.user)
    upload(client, order, picture())
    proof = TransferProof.objects.get()
    image_url = reverse("payments:transfer_proof_image", args=[proof.pk])
    assert client.get(image_url).status_code == 200
    client.logout()

    assert client.get(image_url).status_code == 302  # anonymous: to the login page
    assert upload(client, order, picture()).status_code == 302 and TransferProof.objects.count() == 1

    other = CompleteProfileUserFactory()
    client.force_login(other)
    assert client.get(image_url).status_code == 404
    assert upload(client, order, picture()).status_code == 404
    page = client.get(order.get_absolute_url())
    assert page.status_code == 404 and b"data-proof" not in page.content and b"data-payment-panel" not in page.content
    assert TransferProof.objects.count() == 1

    client.force_login(StaffFactory())
    assert client.get(image_url).status_code == 200  # staff may look at proofs
    assert upload(client, order, picture()).status_code == 404  # but not upload for the buyer
    assert TransferProof.objects.count() == 1


def test_staff_reject_with_a_reason_the_buyer_sees_then_accept_pays_the_order(
    client, order, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(order.user)
    upload(client, order, picture())
    proof = TransferProof.objects.get()

    staff = StaffFactory()
    client.force_login(staff)
    decide = reverse("admin:payments_transferproof_decide", args=[proof.pk])
    change = reverse("admin:payments_transferproof_change", args=[proof.pk])
    page = client.get(change)
    assert page.status_code == 200 and "data-proof-decision" in page.content.decode()
    client.post(decide, {"decision": "reject", "reason": "Nominal kurang Rp 5.000"})
    proof.refresh_from_db()
    assert proof.status == ProofStatus.REJECTED and proof.decided_by == staff

    client.force_login(order.user)
    assert "Nominal kurang Rp 5.000" in client.get(order.get_absolute_url()).content.decode()
    upload(client, order, picture(name="bukti2.jpg"))
    second = TransferProof.objects.get(status=ProofStatus.SUBMITTED)
    assert second.payment_id == proof.payment_id

    client.force_login(staff)
    # A wrong amount is refused by the confirmation service.
    client.post(
        reverse("admin:payments_transferproof_decide", args=[second.pk]),
        {"decision": "accept", "amount_received": order.total - 5000},
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:payments_transferproof_decide", args=[second.pk]),
            {"decision": "accept", "amount_received": order.total},
        )
    order.refresh_from_db()
    second.refresh_from_db()
    assert order.status == OrderStatus.PAID and second.status == ProofStatus.ACCEPTED
    assert Payment.objects.get().status == PaymentStatus.PAID
    assert any(m.to == [order.email] for m in mailoutbox)  # the "paid" e-mail


def test_a_buyer_cannot_decide_and_staff_without_the_permission_cannot_either(client, order):
    client.force_login(order.user)
    upload(client, order, picture())
    proof = TransferProof.objects.get()
    decide = reverse("admin:payments_transferproof_decide", args=[proof.pk])
    client.post(decide, {"decision": "accept", "amount_received": order.total})  # buyer: admin login page
    staff = StaffFactory()
    staff.groups.clear()
    client.force_login(staff)
    client.post(decide, {"decision": "accept", "amount_received": order.total})
    order.refresh_from_db()
    proof.refresh_from_db()
    assert order.status == OrderStatus.PENDING and proof.status == ProofStatus.SUBMITTED


def test_the_placed_email_carries_the_account_number_amount_and_deadline(
    mailoutbox, django_capture_on_commit_callbacks
):
    from hurtrock.templatetags.rupiah import format_rupiah

    with django_capture_on_commit_callbacks(execute=True):
        order = order_for(payment_method=PaymentMethod.BANK_TRANSFER)
    body = mailoutbox[0].body
    assert "7310-888-123" in body and format_rupiah(order.total) in body and "WIB" in body


def test_admins_see_the_proof_queue(client, order):
    client.force_login(order.user)
    upload(client, order, picture())
    client.force_login(AdminFactory())
    listing = client.get(reverse("admin:payments_transferproof_changelist"))
    assert listing.status_code == 200 and order.number in listing.content.decode()


def test_a_proof_waiting_for_staff_holds_the_order_past_its_deadline(client, order):
    from datetime import timedelta

    from orders.services import orders_expire_unpaid

    client.force_login(order.user)
    upload(client, order, picture())
    late = order.payment_due_at + timedelta(minutes=5)
    assert orders_expire_unpaid(now=late) == 0
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING  # the stock stays reserved while staff check

    staff = StaffFactory()
    client.force_login(staff)
    proof = TransferProof.objects.get()
    client.post(
        reverse("admin:payments_transferproof_decide", args=[proof.pk]),
        {"decision": "reject", "reason": "Bukan transfer ke rekening kami"},
    )
    assert orders_expire_unpaid(now=late) == 1  # a rejected proof no longer holds it
    order.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED
