"""Reads of the site-wide app."""

from django.core.cache import cache

from hurtrock.models import StoreProfile
from hurtrock.validators import MAX_OPENING_HOURS_ROWS, opening_hours_row_valid

STORE_PROFILE_CACHE_KEY = "hurtrock:store-profile"


def store_profile_get() -> StoreProfile:
    """The store profile (cached; the admin clears the cache on save)."""
    profile = cache.get(STORE_PROFILE_CACHE_KEY)
    if profile is None:
        profile = StoreProfile.objects.filter(pk=1).first() or StoreProfile(pk=1, **STORE_DEFAULTS)
        cache.set(STORE_PROFILE_CACHE_KEY, profile, 300)
    return profile


def store_profile_cache_clear() -> None:
    cache.delete(STORE_PROFILE_CACHE_KEY)


# The shop's details when the row is missing (before the first migrate, or after a test flush);
# the data migration hurtrock/0002 writes the same values into the row.
STORE_DEFAULTS = {
    "name": "Hurtrock Music Store",
    "tagline": "Rock & Metal instruments, Bandung",
    "address": "Jl Gegerkalong Girang Complex Darut Tauhid Kav 22",
    "city": "Kota Bandung",
    "postal_code": "40153",
    "phone": "0821-1555-8035",
    "email": "info@hurtrock.com",
    "whatsapp_number": "0821-1555-8035",
    "branch_name": "Bandung",
    "branch_code": "BDG-01",
    "opening_hours": [
        {"from_day": 0, "to_day": 4, "opens": "09:30", "closes": "18:00"},
        {"from_day": 5, "to_day": 5, "opens": "09:30", "closes": "17:00"},
    ],
}


def store_opening_hours(profile: StoreProfile) -> list[dict]:
    """One row per day, Monday first: {"day": "Senin", "opens": "09.30", "closes": "18.00"} or closed."""
    from django.utils.dates import WEEKDAYS

    by_day = {}
    rows = profile.opening_hours if isinstance(profile.opening_hours, list) else []
    # Rows that do not validate (saved before validation existed, or written to the database
    # directly) are skipped: a bad setting never breaks every page, the error pages included.
    for row in rows[:MAX_OPENING_HOURS_ROWS]:
        if not opening_hours_row_valid(row):
            continue
        for day in range(row["from_day"], row["to_day"] + 1):
            by_day[day] = (row["opens"].replace(":", "."), row["closes"].replace(":", "."))
    return [
        {"day": WEEKDAYS[day], "opens": by_day[day][0], "closes": by_day[day][1]}
        if day in by_day
        else {"day": WEEKDAYS[day], "closed": True}
        for day in range(7)
    ]
