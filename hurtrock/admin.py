"""Back office for the site-wide app: users (admins only) and the store profile."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hurtrock.admin_login import RateLimitedAdminAuthenticationForm
from hurtrock.forms import StoreProfileAdminForm
from hurtrock.models import StoreProfile, User
from hurtrock.selectors import store_profile_cache_clear
from hurtrock.services import user_set_role

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
    list_display = ("email", "name", "role", "is_active", "last_login", "date_joined")
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

    def save_related(self, request, form, formsets, change):
        # After the form's groups are saved: the role decides membership of the Staff group.
        super().save_related(request, form, formsets, change)
        user_set_role(user=form.instance, role=form.instance.role)

    @admin.action(description=_("Activate selected users"), permissions=["change"])
    def activate(self, request, queryset):
        updated = queryset.update(is_active=True)
        self.message_user(request, gettext("%d users activated.") % updated)

    @admin.action(description=_("Deactivate selected users"), permissions=["change"])
    def deactivate(self, request, queryset):
        updated = queryset.exclude(pk=request.user.pk).update(is_active=False)
        self.message_user(request, gettext("%d users deactivated (never yourself).") % updated)


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
