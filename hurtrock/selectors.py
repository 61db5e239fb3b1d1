"""Reads of the site-wide app."""

from django.core.cache import cache

from hurtrock.models import StoreProfile

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


# Used only before the first migrate has created the row (e.g. an error page during set-up).
STORE_DEFAULTS = {"name": "Hurtrock Music Store", "address": "", "city": "Kota Bandung", "phone": ""}


def store_opening_hours(profile: StoreProfile) -> list[dict]:
    """One row per day, Monday first: {"day": "Senin", "opens": "09.30", "closes": "18.00"} or closed."""
    from django.utils.dates import WEEKDAYS

    by_day = {}
    for row in profile.opening_hours or []:
        for day in range(int(row["from_day"]), int(row["to_day"]) + 1):
            by_day[day] = (row["opens"].replace(":", "."), row["closes"].replace(":", "."))
    return [
        {"day": WEEKDAYS[day], "opens": by_day[day][0], "closes": by_day[day][1]}
        if day in by_day
        else {"day": WEEKDAYS[day], "closed": True}
        for day in range(7)
    ]
