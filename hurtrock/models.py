"""Site-wide data: the custom user (e-mail login, role, address) and the store profile."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hurtrock.roles import Role
from hurtrock.validators import validate_opening_hours

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9\s\-]{6,19}$", _("Enter a phone number such as 0821-1555-8035 or +62 821 1555 8035.")
)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **fields):
        fields.setdefault("role", Role.BUYER)
        return self._create_user(email, password, **fields)

    def create_superuser(self, email, password=None, **fields):
        fields["role"] = Role.ADMIN
        return self._create_user(email, password, **fields)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an e-mail address. `role` decides what they may do.

    `is_staff` and `is_superuser` are derived from `role` on save, so that the admin, the
    permission system and the role never disagree.
    """

    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    street = models.CharField(_("street address"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    province = models.CharField(_("province"), max_length=100, blank=True)
    postal_code = models.CharField(
        _("postal code"), max_length=10, blank=True, validators=[RegexValidator(r"^[0-9]{5}$", _("Five digits."))]
    )
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.BUYER, db_index=True)
    is_active = models.BooleanField(_("active"), default=True, help_text=_("Deactivated accounts cannot sign in."))
    is_staff = models.BooleanField(_("staff status"), default=False, editable=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.name or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.lower()
        self.is_staff = self.role in (Role.ADMIN, Role.STAFF)
        self.is_superuser = self.role == Role.ADMIN
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.name or self.email

    def get_short_name(self):
        return (self.name.split() or [self.email])[0]

    @property
    def is_profile_complete(self) -> bool:
        """Checkout needs a name, a phone number and a full delivery address."""
        return all([self.name, self.phone, self.street, self.city, self.province, self.postal_code])

    @property
    def address_lines(self) -> list[str]:
        return [line for line in (self.street, f"{self.city}, {self.province} {self.postal_code}".strip(" ,")) if line]


class StoreProfile(models.Model):
    """The one row describing the shop: shown in the footer, on the contact page and on documents."""

    name = models.CharField(_("store name"), max_length=120, default="Hurtrock Music Store")
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    address = models.TextField(_("address"))
    city = models.CharField(_("city"), max_length=100)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    phone = models.CharField(_("phone"), max_length=30)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    branch_name = models.CharField(_("branch name"), max_length=100, blank=True)
    branch_code = models.CharField(_("branch code"), max_length=20, blank=True)
    branch_manager = models.CharField(_("branch manager"), max_length=100, blank=True)
    business_license = models.CharField(_("business licence number"), max_length=50, blank=True)
    tax_number = models.CharField(_("tax number (NPWP)"), max_length=50, blank=True)
    logo = models.ImageField(_("logo"), upload_to="store/", blank=True)
    primary_color = models.CharField(
        _("primary colour"), max_length=7, default="#FF6B35", validators=[RegexValidator(r"^#[0-9A-Fa-f]{6}$")]
    )
    secondary_color = models.CharField(
        _("secondary colour"), max_length=7, default="#FF8C42", validators=[RegexValidator(r"^#[0-9A-Fa-f]{6}$")]
    )
    opening_hours = models.JSONField(
        _("opening hours"),
        default=list,
        blank=True,
        validators=[validate_opening_hours],
        help_text=_(
            'Rows like {"from_day": 0, "to_day": 4, "opens": "09:30", "closes": "18:00"} '
            "(0 = Monday, 6 = Sunday); days in no row are closed."
        ),
    )
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    whatsapp_number = models.CharField(_("WhatsApp number"), max_length=20, blank=True)
    bank_name = models.CharField(_("bank name"), max_length=60, blank=True)
    bank_account_number = models.CharField(_("bank account number"), max_length=40, blank=True)
    bank_account_holder = models.CharField(_("bank account holder"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("store profile")
        verbose_name_plural = _("store profile")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="storeprofile_single_row")]

    def __str__(self):
        return self.name

    @property
    def whatsapp_link(self) -> str:
        digits = "".join(ch for ch in self.whatsapp_number if ch.isdigit())
        if digits.startswith("0"):
            digits = "62" + digits[1:]
        return f"https://wa.me/{digits}" if digits else ""
