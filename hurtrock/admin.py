"""Back office for the site-wide app: users (admins only) and the store profile."""

from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from hurtrock.admin_login import RateLimitedAdminAuthenticationForm
from hurtrock.admin_readonly import ReadOnlyAdminMixin
from hurtrock.forms import StoreProfileAdminForm
from hurtrock.models import StoreProfile, User
from hurtrock.selectors import store_profile_cache_clear
from hurtrock.services import UserChangeRefused, user_change_role, user_set_active, user_set_role
from hurtrock.templatetags.rupiah import format_rupiah

admin.site.site_header = _("Hurtrock Music Store · Back office")
admin.site.site_title = _("Hurtrock back office")
admin.site.index_title = _("Dashboard")
admin.site.login_form = RateLimitedAdminAuthenticationForm


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    ordering = ("email",)
    list_display = (
        "email",
        "name",
        "role",
        "is_active",
        "date_joined",
        "last_login",
        "order_count",
        "spent_display",
        "activity_link",
    )
    list_filter = ("role", "is_active")
    search_fields = ("email", "name", "phone")
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("name", "phone", "street", "city", "province", "postal_code")}),
        (_("Access"), {"fields": ("role", "is_active", "groups", "user_permissions")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "role", "password1", "password2")}),)
    filter_horizontal = ("groups", "user_permissions")
    actions = ["activate", "deactivate"]

    def get_queryset(self, request):
        # Order count and money spent (orders that stayed paid) in the list's one query.
        from hurtrock.dashboard import SALES_STATUSES

        kept = Q(orders__status__in=SALES_STATUSES)
        return (
            super()
            .get_queryset(request)
            .annotate(order_total=Count("orders", distinct=True), spent=Sum("orders__total", filter=kept, default=0))
        )

    def get_readonly_fields(self, request, obj=None):
        # Your own access is changed by another admin, never by yourself.
        own = obj is not None and obj.pk == request.user.pk
        return (*self.readonly_fields, *(("role", "is_active", "groups", "user_permissions") if own else ()))

    @admin.display(description=_("orders"), ordering="order_total")
    def order_count(self, user):
        return user.order_total

    @admin.display(description=_("spent"), ordering="spent")
    def spent_display(self, user):
        return format_rupiah(user.spent)

    @admin.display(description=_("activity"))
    def activity_link(self, user):
        if not user.is_staff:
            return "—"
        url = reverse("admin:admin_logentry_changelist")
        return format_html('<a href="{}?user__id__exact={}">{}</a>', url, user.pk, gettext("Staff actions"))

    def save_model(self, request, obj, form, change):
        if change and "is_active" in form.changed_data and obj.pk != request.user.pk:
            try:
                user_set_active(actor=request.user, user=obj, is_active=obj.is_active)
            except UserChangeRefused as error:
                obj.is_active = not obj.is_active
                self.message_user(request, str(error), messages.ERROR)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        # After the form's groups are saved: the role decides membership of the Staff group.
        super().save_related(request, form, formsets, change)
        if not change:
            user_set_role(user=form.instance, role=form.instance.role)
            return
        try:
            user_change_role(actor=request.user, user=form.instance, role=form.instance.role)
        except UserChangeRefused as error:
            self.message_user(request, str(error), messages.ERROR)

    def _set_active_many(self, request, queryset, is_active: bool):
        done, refused = 0, []
        for user in queryset:
            try:
                user_set_active(actor=request.user, user=user, is_active=is_active)
                done += 1
            except UserChangeRefused as error:
                refused.append(f"{user.email}: {error}")
        return done, refused

    @admin.action(description=_("Activate selected users"), permissions=["change"])
    def activate(self, request, queryset):
        done, refused = self._set_active_many(request, queryset, True)
        self.message_user(request, ngettext("%d user activated.", "%d users activated.", done) % done)
        for line in refused:
            self.message_user(request, line, messages.WARNING)

    @admin.action(description=_("Deactivate selected users (signs them out at once)"), permissions=["change"])
    def deactivate(self, request, queryset):
        done, refused = self._set_active_many(request, queryset, False)
        self.message_user(request, ngettext("%d user deactivated.", "%d users deactivated.", done) % done)
        for line in refused:
            self.message_user(request, line, messages.WARNING)


@admin.register(LogEntry)
class UserActivityAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The admin's own log of staff actions (add/change/delete through the admin), read-only."""

    list_display = ("action_time", "user", "content_type", "object_repr", "action_flag", "change_message")
    list_filter = ("action_flag", "content_type", ("user", admin.RelatedOnlyFieldListFilter))
    search_fields = ("object_repr", "change_message", "user__email")
    list_select_related = ("user", "content_type")
    date_hierarchy = "action_time"
    list_per_page = 50

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


@admin.register(StoreProfile)
class StoreProfileAdmin(admin.ModelAdmin):
    form = StoreProfileAdminForm
    fieldsets = (
        (_("Store"), {"fields": ("name", "tagline", "logo", "primary_color", "secondary_color")}),
        (_("Address and contact"), {"fields": ("address", "city", "postal_code", "phone", "email", "website")}),
        (_("Branch"), {"fields": ("branch_name", "branch_code", "branch_manager")}),
        (_("Legal"), {"fields": ("business_license", "tax_number")}),
        (_("Bank transfer"), {"fields": ("bank_name", "bank_account_number", "bank_account_holder")}),
        (
            _("Opening hours and social"),
            {"fields": ("opening_hours", "facebook_url", "instagram_url", "whatsapp_number")},
        ),
    )

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not StoreProfile.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.pk = 1
        super().save_model(request, obj, form, change)
        store_profile_cache_clear()
