"""Role boundaries in the back office: anonymous, buyer, staff and admin."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from hurtrock.models import User
from hurtrock.roles import STAFF_GROUP_NAME, Role
from hurtrock.testing.factories import AdminFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

USERS_URL = "/admin/hurtrock/user/"


def test_anonymous_is_sent_to_the_admin_login(client):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_buyer_cannot_open_the_admin(client):
    client.force_login(UserFactory())

    index = client.get("/admin/")
    users = client.get(USERS_URL)

    assert index.status_code == 302 and index["Location"].startswith("/admin/login/")
    assert users.status_code == 302 and users["Location"].startswith("/admin/login/")


def test_staff_role_gives_staff_flags_and_the_staff_group():
    staff = StaffFactory()

    assert staff.is_staff and not staff.is_superuser
    assert staff.groups.filter(name=STAFF_GROUP_NAME).exists()
    assert staff.has_perm("catalog.change_product")
    assert staff.has_perm("inventory.add_supplier")
    assert staff.has_perm("hurtrock.change_storeprofile")
    assert not staff.has_perm("hurtrock.view_user")
    assert not staff.has_perm("hurtrock.change_user")
    assert not staff.has_perm("auth.change_group")


def test_staff_cannot_list_or_change_users_or_roles(client):
    staff = StaffFactory()
    buyer = UserFactory()
    client.force_login(staff)

    listing = client.get(USERS_URL)
    change = client.post(
        f"{USERS_URL}{buyer.pk}/change/", {"email": buyer.email, "role": Role.ADMIN, "is_active": "on"}
    )
    groups = client.get("/admin/auth/group/")

    assert listing.status_code == 403
    assert change.status_code == 403
    assert groups.status_code == 403
    buyer.refresh_from_db()
    assert buyer.role == Role.BUYER and not buyer.is_staff


def test_staff_admin_index_shows_shop_apps_but_not_users(client):
    client.force_login(StaffFactory())

    response = client.get("/admin/")

    assert response.status_code == 200
    body = response.content.decode()
    for url in (
        "/admin/hurtrock/storeprofile/",
        "/admin/catalog/product/",
        "/admin/orders/order/",
        "/admin/inventory/restockorder/",
        "/admin/shipping/shippingservice/",
    ):
        assert url in body, url
    assert USERS_URL not in body
    assert "/admin/auth/group/" not in body


def test_admin_manages_users_and_roles(client):
    admin = AdminFactory()
    buyer = UserFactory()
    client.force_login(admin)

    listing = client.get(USERS_URL)
    response = client.post(
        f"{USERS_URL}{buyer.pk}/change/",
        {
            "email": buyer.email,
            "name": buyer.name,
            "role": Role.STAFF,
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        },
    )

    assert listing.status_code == 200 and buyer.email in listing.content.decode()
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    buyer.refresh_from_db()
    assert buyer.role == Role.STAFF and buyer.is_staff
    assert buyer.groups.filter(name=STAFF_GROUP_NAME).exists()


def test_demoting_staff_removes_the_group():
    from hurtrock.services import user_set_role

    staff = StaffFactory()

    user_set_role(user=staff, role=Role.BUYER)

    staff = User.objects.get(pk=staff.pk)
    assert not staff.is_staff
    assert not staff.groups.exists()
    assert not staff.has_perm("catalog.change_product")


def test_staff_group_exists_after_migrate():
    assert Group.objects.filter(name=STAFF_GROUP_NAME).exists()


def test_store_profile_is_editable_by_staff_but_not_deletable(client):
    client.force_login(StaffFactory())

    change = client.get("/admin/hurtrock/storeprofile/1/change/")
    delete = client.post("/admin/hurtrock/storeprofile/1/delete/", {"post": "yes"})

    assert change.status_code == 200
    assert delete.status_code == 403


def test_admin_user_list_query_count_is_flat(client, django_assert_max_num_queries):
    client.force_login(AdminFactory())
    UserFactory.create_batch(30)

    with django_assert_max_num_queries(10):
        response = client.get(USERS_URL)

    assert response.status_code == 200
    assert reverse("admin:hurtrock_user_changelist") == USERS_URL
