from django.core.management.base import BaseCommand, CommandError

from payments.crypto import SecretUnreadable
from payments.services.configuration import configuration_rotate_keys


class Command(BaseCommand):
    help = (
        "Re-encrypt the stored payment keys with the first PAYMENTS_ENCRYPTION_KEYS entry. Put the new key "
        "first and keep the old ones after it while this runs; then remove the old ones."
    )

    def handle(self, *args, **options):
        try:
            count = configuration_rotate_keys()
        except SecretUnreadable as error:
            raise CommandError(f"{error} Keep the old key in PAYMENTS_ENCRYPTION_KEYS until rotation is done.")
        self.stdout.write(f"Re-encrypted the keys of {count} payment configuration(s).")
