"""Offline follow-up e-mails: once per room per delay, each side."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from chat.models import ChatMessage
from chat.services.followups import chat_followups_send
from chat.services.messages import message_send
from chat.services.rooms import room_get_or_create_for_buyer
from chat.store_hours import store_status
from hurtrock.testing.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _age(minutes):
    ChatMessage.objects.update(created_at=timezone.now() - timedelta(minutes=minutes))


def test_unread_buyer_message_emails_staff_once_per_delay(settings):
    settings.CHAT_FOLLOWUP_DELAY_MINUTES = 15
    settings.CHAT_STAFF_INBOX = "toko@hurtrock.com"
    buyer = UserFactory(name="Rina")
    room = room_get_or_create_for_buyer(buyer=buyer)
    message_send(room=room, sender=buyer, text="Halo?")
    assert chat_followups_send() == {"staff": 0, "buyer": 0}  # not yet due

    _age(20)
    assert chat_followups_send() == {"staff": 1, "buyer": 0}
    assert chat_followups_send() == {"staff": 0, "buyer": 0}
    call_command("chat_followups")

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["toko@hurtrock.com"] and "Rina" in mail.outbox[0].subject
    assert f"/admin/chat/?room={room.name}" in mail.outbox[0].body
    # After another delay with the message still unread, at most one more.
    assert chat_followups_send(now=timezone.now() + timedelta(minutes=16)) == {"staff": 1, "buyer": 0}


def test_unseen_staff_reply_emails_the_buyer_with_a_link_back(settings):
    settings.CHAT_FOLLOWUP_DELAY_MINUTES = 15
    buyer = UserFactory(email="rina@example.com")
    room = room_get_or_create_for_buyer(buyer=buyer)
    message_send(room=room, sender=StaffFactory(), text="Stok ada.")
    _age(30)

    assert chat_followups_send() == {"staff": 0, "buyer": 1}
    assert chat_followups_send() == {"staff": 0, "buyer": 0}
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["rina@example.com"]
    assert "/chat/" in mail.outbox[0].body


def test_store_hours_say_when_staff_are_back():
    from hurtrock.selectors import store_profile_cache_clear, store_profile_get

    profile = store_profile_get()
    profile.opening_hours = [{"from_day": 0, "to_day": 4, "opens": "09:30", "closes": "18:00"}]
    profile.save()
    store_profile_cache_clear()
    saturday_noon = timezone.make_aware(timezone.datetime(2026, 12, 5, 12, 0))  # Asia/Jakarta
    monday_ten = timezone.make_aware(timezone.datetime(2026, 12, 7, 10, 0))

    closed = store_status(saturday_noon)
    assert closed["is_open"] is False and closed["opens_at"].startswith("2026-12-07T09:30")
    assert store_status(monday_ten)["is_open"] is True
