"""What `make bench` needs in its database besides the sample data: signed-in sessions, a CSRF
token, and a product that never runs out, so that "cart add" can be repeated for minutes."""

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.middleware.csrf import CSRF_SESSION_KEY, _get_new_csrf_string

from catalog.models import Product
from hurtrock.models import User
from hurtrock.roles import Role
from hurtrock.services import user_create

BENCH_STOCK = 2_000_000_000


# A delivery address, so that the checkout page is the real one (not a redirect to the profile).
ADDRESS = {
    "name": "Pembeli Bench",
    "phone": "081234567890",
    "street": "Jl. Braga No. 10",
    "city": "Bandung",
    "province": "Jawa Barat",
    "postal_code": "40111",
}


def _user(email: str, role: str) -> User:
    user = User.objects.filter(email=email).first() or user_create(email=email, password=None, role=role)
    User.objects.filter(pk=user.pk).update(**ADDRESS)
    user.refresh_from_db()
    return user


def session_cookies(email: str, role: str = Role.BUYER) -> dict[str, str]:
    """Cookies of a signed-in browser (session in the database, like production) with a CSRF token."""
    from django.conf import settings

    user = _user(email, role)
    csrf = _get_new_csrf_string()
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if settings.CSRF_USE_SESSIONS:
        session[CSRF_SESSION_KEY] = csrf
    session.create()
    return {settings.SESSION_COOKIE_NAME: session.session_key, settings.CSRF_COOKIE_NAME: csrf, "csrf": csrf}


def cart_product() -> Product:
    """An active product whose stock the bench's cart adds never exhaust (bench database only)."""
    product = Product.objects.filter(is_active=True, images__is_main=True).order_by("-units_sold", "pk").first()
    Product.objects.filter(pk=product.pk).update(stock_quantity=BENCH_STOCK)
    return product
