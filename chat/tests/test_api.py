"""REST side, console, dashboard panel and photos: each boundary for anonymous, buyer, other buyer, staff."""

import pytest
from django.urls import reverse

from catalog.tests.factories import image_bytes, upload
from chat.models import ChatMessage, QuickReply
from chat.services.messages import message_send
from chat.services.rooms import room_get_or_create_for_buyer
from hurtrock.testing.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer():
    return UserFactory()


@pytest.fixture
def room(buyer):
    room = room_get_or_create_for_buyer(buyer=buyer)
    message_send(room=room, sender=buyer, text="Rahasia pembeli A")
    return room


def test_rooms_list_is_staff_only(client, room):
    url = reverse("chat:api_rooms")
    assert client.get(url).status_code == 401
    client.force_login(room.buyer)
    response = client.get(url)
    assert response.status_code == 403 and "Rahasia" not in response.content.decode()
    client.force_login(StaffFactory())
    body = client.get(url).json()
    assert body["results"][0]["name"] == room.name and body["results"][0]["unread"] == 1


def test_other_buyer_gets_404_and_no_data(client, room):
    client.force_login(UserFactory())
    for name in ("api_messages", "api_orders"):
        response = client.get(reverse(f"chat:{name}", args=[room.name]))
        assert response.status_code == 404 and "Rahasia" not in response.content.decode()
    response = client.post(reverse("chat:api_mark_read", args=[room.name]))
    assert response.status_code == 404
    response = client.post(reverse("chat:api_photo", args=[room.name]), {"photo": upload("a.jpg", image_bytes())})
    assert response.status_code == 404
    assert ChatMessage.objects.count() == 1


def test_anonymous_api_gets_401_json(client, room):
    response = client.get(reverse("chat:api_messages", args=[room.name]))
    assert response.status_code == 401 and response.json()["error"] == "unauthenticated"


def test_messages_are_cursor_paginated(client, room, buyer, django_assert_max_num_queries):
    for n in range(40):
        message_send(room=room, sender=buyer, text=f"m{n}")
    client.force_login(buyer)
    url = reverse("chat:api_messages", args=[room.name])
    with django_assert_max_num_queries(8):
        first = client.get(url).json()
    second = client.get(url, {"before": first["next_before"]}).json()
    assert len(first["results"]) == 30 and first["has_more"]
    assert len(second["results"]) == 11 and not second["has_more"]
    assert second["results"][0]["text"] == "Rahasia pembeli A"


def test_mark_read_needs_csrf_and_marks_staff_messages(room, buyer):
    from django.test import Client

    staff = StaffFactory()
    message_send(room=room, sender=staff, text="Balasan")
    client = Client(enforce_csrf_checks=True)
    client.force_login(buyer)
    url = reverse("chat:api_mark_read", args=[room.name])
    assert client.post(url).status_code == 403
    client.get(reverse("home"))
    token = client.cookies["csrftoken"].value
    response = client.post(url, HTTP_X_CSRFTOKEN=token)
    assert response.json()["marked"] == 1
    assert not ChatMessage.objects.filter(is_from_staff=True, read_at__isnull=True).exists()


def test_room_list_query_budget_at_two_sizes(client, django_assert_max_num_queries):
    client.force_login(StaffFactory())
    for size in (3, 15):
        while ChatMessage.objects.values("room").distinct().count() < size:
            buyer = UserFactory()
            message_send(room=room_get_or_create_for_buyer(buyer=buyer), sender=buyer, text="halo")
        with django_assert_max_num_queries(6):
            assert len(client.get(reverse("chat:api_rooms")).json()["results"]) == size
        with django_assert_max_num_queries(14):
            assert client.get(reverse("chat_console")).status_code == 200


def test_console_is_staff_only_and_escapes_names(client, room):
    room.buyer.name = '<img src=x onerror="alert(1)">'
    room.buyer.save()
    url = reverse("chat_console")
    assert client.get(url).status_code == 302
    client.force_login(room.buyer)
    assert client.get(url).status_code in (302, 403)
    client.force_login(StaffFactory())
    QuickReply.objects.create(title="Salam", text="Terima kasih sudah menghubungi Hurtrock!")
    body = client.get(url).content.decode()
    assert '<img src=x onerror="alert(1)">' not in body and "&lt;img src=x" in body
    assert "Salam" in body


def test_console_assign_and_archive(client, room):
    staff = StaffFactory()
    client.force_login(staff)
    action = reverse("chat_console_action", args=[room.name])
    client.post(action, {"action": "assign"})
    client.post(action, {"action": "archive"})
    room.refresh_from_db()
    assert room.assigned_to == staff and room.is_archived
    assert room.name not in client.get(reverse("chat_console")).content.decode().split("chat-conv-title")[0]
    client.post(action, {"action": "unarchive"})
    room.refresh_from_db()
    assert not room.is_archived


def test_dashboard_panel_shows_waiting_count(client, room):
    client.force_login(StaffFactory())
    body = client.get(reverse("admin:index")).content.decode()
    assert 'id="hr-chat-waiting"' in body
    assert '<p class="hr-stat-value">1</p>' in body


def test_photo_is_validated_and_resized(client, room, buyer):
    client.force_login(buyer)
    url = reverse("chat:api_photo", args=[room.name])
    response = client.post(url, {"photo": upload("big.jpg", image_bytes(size=(3000, 2000)))})
    assert response.status_code == 201
    image = response.json()["message"]["image"]
    assert max(image["width"], image["height"]) == 1280
    bad = client.post(url, {"photo": upload("fake.jpg", b"not an image at all")})
    assert bad.status_code == 400 and bad.json()["error"] == "bad_image"


def test_widget_for_buyers_and_sign_in_prompt_for_visitors(client, buyer):
    body = client.get(reverse("home")).content.decode()
    assert 'id="chat-widget"' not in body and "/accounts/login/?next=/" in body
    client.force_login(buyer)
    body = client.get(reverse("home")).content.decode()
    assert 'id="chat-widget"' in body and 'id="chat-i18n"' in body


def test_my_room_is_created_on_first_open(client, buyer):
    client.force_login(buyer)
    first = client.post(reverse("chat:api_my_room")).json()
    second = client.post(reverse("chat:api_my_room")).json()
    assert first["room"] == second["room"] == buyer.chat_room.name
