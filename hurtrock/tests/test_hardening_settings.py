"""Issue #16: opening hours typed by staff cannot break the storefront."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hurtrock.models import StoreProfile
from hurtrock.selectors import STORE_DEFAULTS, store_opening_hours, store_profile_cache_clear
from hurtrock.testing.factories import AdminFactory
from hurtrock.validators import validate_opening_hours

pytestmark = pytest.mark.django_db

BAD_VALUES = [
    [{"opens": "09:00", "closes": "17:00"}],  # a row without days
    {"from_day": 0, "to_day": 4, "opens": "09:00", "closes": "17:00"},  # an object, not a list
    [{"from_day": 0, "to_day": 5_000_000, "opens": "09:00", "closes": "17:00"}],  # a huge day range
    [{"from_day": 4, "to_day": 1, "opens": "09:00", "closes": "17:00"}],
    [{"from_day": 0, "to_day": 1, "opens": "9 pagi", "closes": "17:00"}],
    [{"from_day": "0", "to_day": 1, "opens": "09:00", "closes": "17:00"}],
    "09:00-17:00",
]


@pytest.mark.parametrize("value", BAD_VALUES)
def test_the_admin_refuses_bad_opening_hours(client, value):
    client.force_login(AdminFactory())
    StoreProfile.objects.update_or_create(pk=1, defaults=STORE_DEFAULTS)
    data = {
        **{key: val for key, val in STORE_DEFAULTS.items() if key != "opening_hours"},
        "primary_color": "#FF6B35",
        "secondary_color": "#FF8C42",
        "opening_hours": json.dumps(value),
    }

    response = client.post(reverse("admin:hurtrock_storeprofile_change", args=[1]), data)

    assert response.status_code == 200
    assert "opening_hours" in response.context["adminform"].form.errors
    assert StoreProfile.objects.get(pk=1).opening_hours == STORE_DEFAULTS["opening_hours"]


@pytest.mark.parametrize("value", BAD_VALUES)
def test_the_model_refuses_them_too(value):
    with pytest.raises(ValidationError):
        validate_opening_hours(value)


def test_good_opening_hours_pass():
    validate_opening_hours(STORE_DEFAULTS["opening_hours"])
    validate_opening_hours([])


@pytest.mark.parametrize("value", BAD_VALUES)
def test_a_bad_value_already_stored_does_not_break_any_page(client, value):
    StoreProfile.objects.update_or_create(pk=1, defaults={**STORE_DEFAULTS, "opening_hours": value})
    store_profile_cache_clear()

    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("contact")).status_code == 200
    assert client.get("/no-such-page/").status_code == 404
    assert len(store_opening_hours(StoreProfile.objects.get(pk=1))) == 7
