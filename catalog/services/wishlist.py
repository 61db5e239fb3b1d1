"""The wishlist, back-in-stock alerts and price-drop e-mails.

E-mails go through the tasks framework after the transaction commits, in the buyer's language
(remembered when they asked). Back in stock: `stock_back_notify` is called by the inventory ledger
when a product's stock goes from zero to above zero (restock receipt, cancellation, adjustment,
return); each waiting alert is claimed with one UPDATE (`notified_at` from NULL), so each buyer
gets one e-mail even if two workers run. Price drop: at most one e-mail per product per
PRICE_DROP_EMAIL_INTERVAL_DAYS, to wishlists that saved it at a higher price.
"""

from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from catalog.models import PriceDropNotice, Product, StockAlert, WishlistItem


class WishlistError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@transaction.atomic
def wishlist_toggle(*, user, product: Product, language: str = "") -> bool:
    """Add the product to the buyer's wishlist, or take it off; returns True when it is now on it."""
    deleted, _rows = WishlistItem.objects.filter(user=user, product=product).delete()
    if deleted:
        return False
    WishlistItem.objects.create(
        user=user, product=product, price_when_added=product.price, language=language or settings.LANGUAGE_CODE
    )
    return True


def wishlist_remove(*, user, product_id: int) -> None:
    WishlistItem.objects.filter(user=user, product_id=product_id).delete()


@transaction.atomic
def stock_alert_subscribe(*, user, product: Product, language: str = "") -> StockAlert:
    if product.is_in_stock:
        raise WishlistError(_("This product is in stock: you can order it now."))
    alert, _created = StockAlert.objects.update_or_create(
        user=user, product=product, defaults={"notified_at": None, "language": language or settings.LANGUAGE_CODE}
    )
    return alert


def stock_back_notify(*, product_ids) -> None:
    """Called inside the ledger's transaction: schedule the e-mails for after it commits."""
    from catalog.tasks import stock_alerts_send_task

    for product_id in sorted(set(product_ids)):
        transaction.on_commit(partial(stock_alerts_send_task.enqueue, product_id))


def _send(*, to: str, language: str, template: str, context: dict, subject) -> None:
    with translation.override(language):
        subject_text = str(subject(context))
        context = {**context, "subject": subject_text}
        text = render_to_string(f"emails/catalog/{template}.txt", context)
        html = render_to_string(f"emails/catalog/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject_text,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    message.attach_alternative(html, "text/html")
    message.send()


def _product_url(product: Product) -> str:
    return settings.SITE_URL.rstrip("/") + product.get_absolute_url()


def stock_alerts_send(*, product_id: int) -> int:
    """E-mail every buyer waiting for the product, once each; returns how many were sent."""
    product = Product.objects.filter(pk=product_id).first()
    if product is None or not product.is_in_stock:
        return 0
    sent = 0
    for alert in StockAlert.objects.filter(product=product, notified_at__isnull=True).select_related("user"):
        claimed = StockAlert.objects.filter(pk=alert.pk, notified_at__isnull=True).update(notified_at=timezone.now())
        if not claimed:
            continue
        _send(
            to=alert.user.email,
            language=alert.language,
            template="back_in_stock",
            context={"product": product, "product_url": _product_url(product), "user": alert.user},
            subject=lambda c: _("%(name)s is back in stock") % {"name": c["product"].name},
        )
        sent += 1
    return sent


def price_drop_check(*, product: Product, old_price: int) -> None:
    """Called by `product_save` when a price goes down: schedule the e-mails after commit."""
    if product.price >= old_price:
        return
    from catalog.tasks import price_drop_send_task

    transaction.on_commit(partial(price_drop_send_task.enqueue, product.pk))


def price_drop_send(*, product_id: int, now=None) -> int:
    now = now or timezone.now()
    interval = timedelta(days=int(getattr(settings, "PRICE_DROP_EMAIL_INTERVAL_DAYS", 7)))
    with transaction.atomic():
        product = Product.objects.select_for_update().filter(pk=product_id).first()
        if product is None:
            return 0
        notice = PriceDropNotice.objects.filter(product=product).first()
        if notice is not None and notice.sent_at > now - interval:
            return 0
        PriceDropNotice.objects.update_or_create(product=product, defaults={"price": product.price, "sent_at": now})
        items = list(
            WishlistItem.objects.filter(product=product, price_when_added__gt=product.price).select_related("user")
        )
    for item in items:
        _send(
            to=item.user.email,
            language=item.language,
            template="price_drop",
            context={
                "product": product,
                "product_url": _product_url(product),
                "user": item.user,
                "old_price": item.price_when_added,
            },
            subject=lambda c: _("Price drop: %(name)s") % {"name": c["product"].name},
        )
    return len(items)
