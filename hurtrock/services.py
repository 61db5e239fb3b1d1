"""State changes of the site-wide app: roles, the Staff group, the store profile."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

from hurtrock.models import User
from hurtrock.roles import STAFF_APP_LABELS, STAFF_EXTRA_PERMISSIONS, STAFF_GROUP_NAME, Role


def staff_group_sync_permissions(*, using: str = "default") -> Group:
    """Give the Staff group every permission of the staff apps (idempotent, only adds)."""
    group, _ = Group.objects.using(using).get_or_create(name=STAFF_GROUP_NAME)
    extra = Q()
    for app_label, codename in STAFF_EXTRA_PERMISSIONS:
        extra |= Q(content_type__app_label=app_label, codename=codename)
    perms = Permission.objects.using(using).filter(Q(content_type__app_label__in=STAFF_APP_LABELS) | extra)
    group.permissions.add(*perms)
    return group


@transaction.atomic
def user_set_role(*, user: User, role: str) -> User:
    """Change a user's role; staff join the Staff group, everyone else leaves it."""
    if role not in Role.values:
        raise ValueError(f"Unknown role {role!r}")
    user.role = role
    user.save()
    group = staff_group_sync_permissions()
    if role == Role.STAFF:
        user.groups.add(group)
    else:
        user.groups.remove(group)
    return user


def user_create(*, email: str, password: str | None, role: str = Role.BUYER, **fields) -> User:
    """Create a user with a role (and the Staff group for staff)."""
    with transaction.atomic():
        user = User.objects.create_user(email=email, password=password, **fields)
        return user_set_role(user=user, role=role)
