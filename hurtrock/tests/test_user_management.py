"""User management (admins only): list figures, no self-escalation, deactivation ends sessions, activity."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from hurtrock.models import User
from hurtrock.roles import Role
from hurtrock.services import UserChangeRefused, user_change_role, user_set_active
from hurtrock.testing.factories import AdminFactory, StaffFactory, UserFactory
from orders.services import order_mark_paid
from orders.tests.factories import order_for

pytestmark = pytest.mark.django_db
USERS = reverse("admin:hurtrock_user_changelist")


def test_the_list_shows_orders_and_money_spent_in_a_flat_number_of_queries(client, django_assert_max_num_queries):
    client.force_login(AdminFactory())
    buyer = UserFactory()
    paid = order_for(user=buyer)
    order_mark_paid(order=paid)
    order_for(user=buyer)  # pending: counted as an order, not as money spent
    with django_assert_max_num_queries(12) as small:
        client.get(USERS)
    UserFactory.create_batch(15)

    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(USERS)

    row = next(u for u in response.context["cl"].result_list if u.pk == buyer.pk)
    assert (row.order_total, row.spent) == (2, paid.total)
    assert f"Rp {paid.total:,}".replace(",", ".") in response.content.decode()
    assert set(response.context["cl"].list_filter) >= {"role", "is_active"}


def test_self_escalation_and_self_demotion_are_refused():
    staff, admin = StaffFactory(), AdminFactory()

    with pytest.raises(UserChangeRefused):
        user_change_role(actor=staff, user=staff, role=Role.ADMIN)
    with pytest.raises(UserChangeRefused):
        user_change_role(actor=staff, user=UserFactory(), role=Role.STAFF)
    with pytest.raises(UserChangeRefused):
        user_change_role(actor=admin, user=admin, role=Role.BUYER)

    assert User.objects.get(pk=staff.pk).role == Role.STAFF and User.objects.get(pk=admin.pk).role == Role.ADMIN


def test_an_admin_cannot_change_their_own_role_through_the_form(client):
    admin = AdminFactory()
    client.force_login(admin)

    page = client.get(reverse("admin:hurtrock_user_change", args=[admin.pk]))
    client.post(
        reverse("admin:hurtrock_user_change", args=[admin.pk]),
        {
            "email": admin.email,
            "name": admin.name,
            "role": Role.BUYER,
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        },
    )

    assert 'name="role"' not in page.content.decode()
    assert User.objects.get(pk=admin.pk).role == Role.ADMIN


def test_staff_cannot_reach_user_management(client):
    staff = StaffFactory()
    client.force_login(staff)

    assert client.get(USERS).status_code == 403
    assert client.get(reverse("admin:admin_logentry_changelist")).status_code == 403


def test_deactivating_ends_the_users_sessions_at_once(client):
    admin, staff = AdminFactory(), StaffFactory()
    staff_browser = Client()
    staff_browser.force_login(staff)
    assert staff_browser.get(reverse("admin:index")).status_code == 200
    client.force_login(admin)

    client.post(USERS, {"action": "deactivate", "_selected_action": [staff.pk, admin.pk]})

    assert not User.objects.get(pk=staff.pk).is_active
    assert User.objects.get(pk=admin.pk).is_active  # never yourself
    after = staff_browser.get(reverse("admin:index"))
    assert after.status_code == 302 and "/login/" in after["Location"]


def test_deactivate_service_refuses_self_and_non_admins():
    admin, staff = AdminFactory(), StaffFactory()
    with pytest.raises(UserChangeRefused):
        user_set_active(actor=admin, user=admin, is_active=False)
    with pytest.raises(UserChangeRefused):
        user_set_active(actor=staff, user=UserFactory(), is_active=False)


def test_user_activity_is_the_read_only_admin_log(client):
    admin, staff = AdminFactory(), StaffFactory()
    LogEntry.objects.create(
        user=staff,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(staff.pk),
        object_repr=str(staff),
        action_flag=CHANGE,
        change_message="Changed name.",
    )
    client.force_login(admin)

    listing = client.get(USERS).content.decode()
    activity = client.get(reverse("admin:admin_logentry_changelist"), {"user__id__exact": staff.pk})

    assert f"?user__id__exact={staff.pk}" in listing
    assert activity.status_code == 200 and activity.context["cl"].result_count == 1
    entry = LogEntry.objects.get()
    assert client.post(reverse("admin:admin_logentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
