from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _merge_cart_at_login(sender, request, user, **kwargs):
    """A visitor who signs in keeps what they put in the cart (rule in orders.services.cart)."""
    if request is None or not hasattr(request, "session"):
        return
    from django.contrib import messages
    from django.utils.translation import gettext as _gettext

    from orders.cart import SessionCart
    from orders.services import cart_merge

    result = cart_merge(session_cart=SessionCart(request.session), user=user)
    if hasattr(request, "_hurtrock_cart"):
        del request._hurtrock_cart
    if result.capped or result.dropped:
        messages.warning(
            request,
            _gettext("Your cart was merged with your saved cart; some quantities were limited to what is in stock."),
            fail_silently=True,
        )


class OrdersConfig(AppConfig):
    """Cart, checkout and orders with their status history."""

    name = "orders"
    verbose_name = _("Orders")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(_merge_cart_at_login, dispatch_uid="orders-merge-cart-at-login")
