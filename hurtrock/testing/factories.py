import factory

from hurtrock.models import User
from hurtrock.roles import Role
from hurtrock.services import user_set_role

PASSWORD = "Gitar-Listrik-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"buyer{n}@example.com")
    name = factory.Faker("name", locale="id_ID")
    role = Role.BUYER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def sync_role(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            user_set_role(user=obj, role=obj.role)


class CompleteProfileUserFactory(UserFactory):
    phone = "0812-3456-7890"
    street = "Jl. Setiabudi No. 10"
    city = "Kota Bandung"
    province = "Jawa Barat"
    postal_code = "40154"


class StaffFactory(UserFactory):
    email = factory.Sequence(lambda n: f"staff{n}@hurtrock.com")
    role = Role.STAFF


class AdminFactory(UserFactory):
    email = factory.Sequence(lambda n: f"admin{n}@hurtrock.com")
    role = Role.ADMIN
