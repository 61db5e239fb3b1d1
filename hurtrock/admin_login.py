"""The admin's login through allauth's login limiter (the shop's login and this one share the
`login_failed` budget: LOGIN_RATE_LIMIT, per IP and per account)."""

from allauth.account.adapter import get_adapter
from django.contrib.admin.forms import AdminAuthenticationForm


class RateLimitedAdminAuthenticationForm(AdminAuthenticationForm):
    def clean(self):
        email = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if email is not None and password:
            # allauth's adapter: consume one try per IP and per account (refusing once either budget
            # is spent, even with the right password), authenticate, and give the try back on success.
            self.user_cache = get_adapter(self.request).authenticate(
                self.request, email=email.strip().lower(), password=password
            )
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data
