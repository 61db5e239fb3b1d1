"""Bank transfer: the buyer uploads a proof, staff accept it (through the confirmation service) or
reject it with a reason the buyer reads.

The picture goes through the catalog's image pipeline (real image, size and pixel caps, full
decode, re-encoded without metadata) and is kept in private storage: it shows account numbers.
"""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.images import image_validate
from hurtrock.templatetags.rupiah import format_rupiah
from orders.models import Order, OrderStatus, PaymentMethod
from payments.errors import ProofError
from payments.gateways.base import GatewayResult
from payments.models import Payment, PaymentStatus, ProofStatus, Provider, TransferProof
from payments.services.confirmation import ApplyOutcome, payment_apply_result, payment_event_record

PROOF_MAX_SIZE = 1600


def _reencode(validated):
    """Re-encode through the shared pipeline: the unified `hurtrock.images.image_reencode` where it
    exists (the hardening work), else the catalog's steps. Drop the fallback once that is on main."""
    try:
        from hurtrock.images import image_reencode
    except ImportError:
        from catalog.images import image_encode, image_normalise

        return image_encode(image_normalise(validated.image), max_size=PROOF_MAX_SIZE)
    return image_reencode(validated, max_size=PROOF_MAX_SIZE)


def _proof_picture(upload) -> ContentFile:
    """The upload re-encoded by the catalog's pipeline, or ProofError with the pipeline's message."""
    try:
        validated = image_validate(upload)
    except ValidationError as error:
        raise ProofError(" ".join(error.messages))
    encoded = _reencode(validated)
    return ContentFile(encoded.content, name=f"proof.{encoded.extension}")


@transaction.atomic
def transfer_proof_submit(*, order: Order, upload, user, sender_name: str = "") -> TransferProof:
    picture = _proof_picture(upload)
    locked = Order.objects.select_for_update().get(pk=order.pk)
    if locked.user_id != user.pk:
        raise ProofError(_("Only the buyer can upload the proof of transfer."))
    if locked.status != OrderStatus.PENDING or locked.payment_method != PaymentMethod.BANK_TRANSFER:
        raise ProofError(_("This order is not waiting for a bank transfer."))
    payment = Payment.objects.filter(
        order=locked, provider=Provider.BANK_TRANSFER, status=PaymentStatus.PENDING
    ).first()
    if payment is None:
        attempt = (Payment.objects.filter(order=locked).aggregate(n=Max("attempt"))["n"] or 0) + 1
        payment = Payment.objects.create(
            order=locked,
            attempt=attempt,
            provider=Provider.BANK_TRANSFER,
            provider_reference=f"{locked.number}-{attempt}",
            amount=locked.total,
            status=PaymentStatus.PENDING,
        )
        payment_event_record(
            payment=payment,
            from_status="",
            to_status=PaymentStatus.PENDING,
            note=_("Proof of transfer uploaded."),
            user=user,
        )
    if payment.proofs.filter(status=ProofStatus.SUBMITTED).count() >= 3:
        raise ProofError(_("Three proofs are already waiting for review. Please wait for the store's answer."))
    proof = TransferProof(payment=payment, uploaded_by=user, sender_name=sender_name.strip()[:100])
    proof.image.save(picture.name, picture, save=False)
    proof.save()
    return proof


@transaction.atomic
def transfer_proof_accept(*, proof: TransferProof, user, amount_received: int | None = None) -> ApplyOutcome:
    """Staff saw the money arrive: the payment goes through the one confirmation service."""
    locked = TransferProof.objects.select_for_update().select_related("payment").get(pk=proof.pk)
    if locked.status != ProofStatus.SUBMITTED:
        raise ProofError(_("This proof has already been decided."))
    payment = locked.payment
    received = payment.amount if amount_received is None else amount_received
    outcome = payment_apply_result(
        payment=payment,
        result=GatewayResult(
            status=PaymentStatus.PAID,
            amount=received,
            currency="IDR",
            raw={"confirmed_by": user.email, "amount_received": received},
            method_detail="bank_transfer",
            note=_("Transfer of %(amount)s confirmed by %(user)s.") % {"amount": format_rupiah(received), "user": user},
        ),
        user=user,
    )
    if outcome.code == "mismatch":
        raise ProofError(outcome.detail)
    locked.status = ProofStatus.ACCEPTED
    locked.decided_by = user
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    return outcome


@transaction.atomic
def transfer_proof_reject(*, proof: TransferProof, user, reason: str) -> TransferProof:
    locked = TransferProof.objects.select_for_update().get(pk=proof.pk)
    if locked.status != ProofStatus.SUBMITTED:
        raise ProofError(_("This proof has already been decided."))
    if not reason.strip():
        raise ProofError(_("Tell the buyer why the proof is rejected."))
    locked.status = ProofStatus.REJECTED
    locked.rejection_reason = reason.strip()
    locked.decided_by = user
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "rejection_reason", "decided_by", "decided_at"])
    payment_event_record(
        payment=locked.payment,
        from_status=locked.payment.status,
        to_status=locked.payment.status,
        note=_("Proof of transfer rejected: %(reason)s") % {"reason": locked.rejection_reason},
        user=user,
    )
    return locked
