"""Seed the courier services (JNE, J&T, SiCepat, POS Indonesia) and the 38 provinces' cities."""

from django.db import migrations


def seed(apps, schema_editor):
    from shipping.seed import shipping_seed_defaults

    shipping_seed_defaults(
        service_model=apps.get_model("shipping", "ShippingService"),
        destination_model=apps.get_model("shipping", "Destination"),
    )


def unseed(apps, schema_editor):
    from shipping.seed import DESTINATIONS, SERVICES

    apps.get_model("shipping", "ShippingService").objects.filter(
        code__in=[row[1] for row in SERVICES], courier__in=[row[0] for row in SERVICES]
    ).delete()
    apps.get_model("shipping", "Destination").objects.filter(province__in=list(DESTINATIONS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("shipping", "0001_services_and_destinations"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
    ]
