"""Creates the Staff group (its permissions are kept current after every migrate, see
hurtrock.apps) and the store profile row with the shop's details."""

from django.db import migrations

STORE = {
    "name": "Hurtrock Music Store",
    "tagline": "Rock & Metal instruments, Bandung",
    "address": "Jl Gegerkalong Girang Complex Darut Tauhid Kav 22",
    "city": "Kota Bandung",
    "postal_code": "40153",
    "phone": "0821-1555-8035",
    "email": "info@hurtrock.com",
    "whatsapp_number": "0821-1555-8035",
    "branch_name": "Bandung",
    "branch_code": "BDG-01",
    "opening_hours": [
        {"from_day": 0, "to_day": 4, "opens": "09:30", "closes": "18:00"},
        {"from_day": 5, "to_day": 5, "opens": "09:30", "closes": "17:00"},
    ],
}


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    StoreProfile = apps.get_model("hurtrock", "StoreProfile")
    Group.objects.get_or_create(name="Staff")
    StoreProfile.objects.get_or_create(pk=1, defaults=STORE)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Staff").delete()
    apps.get_model("hurtrock", "StoreProfile").objects.filter(pk=1).delete()


class Migration(migrations.Migration):
    dependencies = [("hurtrock", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(forwards, backwards)]
