"""First-run set-up for `make run`: an admin account and, on an empty catalog, the sample data.

The admin password comes from ADMIN_PASSWORD or is generated and printed once; there is no
default password.
"""

import secrets

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

from hurtrock.env import env
from hurtrock.models import User
from hurtrock.roles import Role
from hurtrock.services import user_create


class Command(BaseCommand):
    help = "Create the admin account and load sample data when the database is empty."

    def handle(self, *args, **options):
        email = settings.ADMIN_EMAIL
        admin = User.objects.filter(email=email).first()
        if admin is None:
            password = env("ADMIN_PASSWORD") or secrets.token_urlsafe(12)
            user_create(email=email, password=password, role=Role.ADMIN, name="Hurtrock Admin")
            self.stdout.write(self.style.SUCCESS("Created the admin account (this password is shown only once):"))
            self.stdout.write(f"    e-mail:   {email}\n    password: {password}")
        else:
            self.stdout.write(f"Admin login: {email} (password shown on first run; reset it with")
            self.stdout.write(f"    .venv/bin/python manage.py changepassword {email})")

        if "load_sample_data" in get_commands() and not self._catalog_has_products():
            self.stdout.write("Empty catalog: loading sample data…")
            call_command("load_sample_data", stdout=self.stdout)

    @staticmethod
    def _catalog_has_products() -> bool:
        from catalog.models import Product

        return Product.objects.exists()
