from django.utils.functional import SimpleLazyObject

from hurtrock.selectors import store_opening_hours, store_profile_get


def site(request):
    """The store profile and its opening hours for the navbar and footer (one cached read)."""
    profile = SimpleLazyObject(store_profile_get)
    return {"store": profile, "store_hours": SimpleLazyObject(lambda: store_opening_hours(profile))}
