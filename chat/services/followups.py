"""Offline follow-up by e-mail: a buyer message no staff has read after the delay e-mails the
staff inbox; a staff reply the buyer has not read after the delay e-mails the buyer with a link
back. At most one e-mail per room and side per delay (the room row is locked while deciding)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from chat.models import ChatMessage, ChatRoom
from chat.services.rooms import user_is_chat_staff  # noqa: F401 - one import point for the rules


def followup_delay() -> timedelta:
    return timedelta(minutes=getattr(settings, "CHAT_FOLLOWUP_DELAY_MINUTES", 15))


def staff_inbox() -> str:
    from hurtrock.selectors import store_profile_get

    return settings.CHAT_STAFF_INBOX or store_profile_get().email or settings.ADMIN_EMAIL


def _due_rooms(*, from_staff: bool, now):
    cutoff = now - followup_delay()
    return (
        ChatMessage.objects.filter(
            is_from_staff=from_staff,
            read_at__isnull=True,
            deleted_at__isnull=True,
            created_at__lte=cutoff,
            room__is_archived=False,
        )
        .values_list("room_id", flat=True)
        .distinct()
    )


def _claim(room_id: int, *, field: str, now) -> bool:
    """Lock the room and stamp `field` unless an e-mail went out within the delay."""
    room = ChatRoom.objects.select_for_update().get(pk=room_id)
    last = getattr(room, field)
    if last and now - last < followup_delay():
        return False
    ChatRoom.objects.filter(pk=room_id).update(**{field: now})
    return True


def chat_followups_send(*, now=None) -> dict[str, int]:
    """Decide and enqueue the follow-up e-mails (after commit); returns how many of each."""
    from chat.tasks import chat_followup_email_task

    now = now or timezone.now()
    sent = {"staff": 0, "buyer": 0}
    for side, from_staff, field in (("staff", False, "staff_emailed_at"), ("buyer", True, "buyer_emailed_at")):
        for room_id in list(_due_rooms(from_staff=from_staff, now=now)):
            with transaction.atomic():
                if _claim(room_id, field=field, now=now):
                    sent[side] += 1
                    transaction.on_commit(
                        lambda room_id=room_id, side=side: chat_followup_email_task.enqueue(room_id=room_id, side=side)
                    )
    return sent


def chat_followup_email_send(*, room_id: int, side: str) -> None:
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import translation

    room = ChatRoom.objects.select_related("buyer").get(pk=room_id)
    if side == "staff":
        recipient = staff_inbox()
        link = settings.SITE_URL + reverse("chat_console") + f"?room={room.name}"
        language = settings.LANGUAGE_CODE
    else:
        recipient = room.buyer.email
        link = settings.SITE_URL + reverse("chat:room")
        language = getattr(room.buyer, "language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {"room": room, "link": link, "side": side}
        subject = render_to_string("chat/emails/followup_subject.txt", context).strip()
        body = render_to_string("chat/emails/followup_body.txt", context)
    send_mail(subject, body, None, [recipient])
