"""Roles and what each may touch. The Staff group gets every permission of STAFF_APP_LABELS."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin")
    STAFF = "staff", _("Staff")
    BUYER = "buyer", _("Buyer")


STAFF_GROUP_NAME = "Staff"

# Staff run catalog, orders, inventory, shipping, chat and reports; never users, roles or payment keys.
STAFF_APP_LABELS = ("catalog", "orders", "inventory", "shipping", "chat", "reports")
# Extra single permissions for staff outside those apps (the store profile is edited by staff too).
STAFF_EXTRA_PERMISSIONS = (
    ("hurtrock", "view_storeprofile"),
    ("hurtrock", "change_storeprofile"),
    # Payments: staff see payments and notifications and decide proofs of transfer; never the
    # configuration (keys), and refunds only when an admin grants `payments.refund_payment`.
    ("payments", "view_payment"),
    ("payments", "view_paymentevent"),
    ("payments", "view_gatewaynotification"),
    ("payments", "view_midtranstransaction"),
    ("payments", "view_refund"),
    ("payments", "view_transferproof"),
    ("payments", "change_transferproof"),
)
