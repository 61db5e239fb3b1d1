"""allauth's adapter: e-mails speak in the store's name, not the host's.

Without django.contrib.sites allauth names the site after the request's host, so buyers read
"Halo dari 127.0.0.1:8100!". Here `current_site` is the store (name from the store profile, domain
from SITE_URL), for the greeting, the sign-off and the subject prefix.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils.encoding import force_str

from hurtrock.selectors import store_profile_get


@dataclass(frozen=True)
class StoreSite:
    name: str
    domain: str


def store_site() -> StoreSite:
    return StoreSite(name=store_profile_get().name, domain=urlsplit(settings.SITE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        super().send_mail(template_prefix, email, {**context, "current_site": store_site()})

    def format_email_subject(self, subject: str) -> str:
        return f"[{store_site().name}] {force_str(subject)}"
