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


class UserChangeRefused(Exception):
    """A role or activation change that the acting user may not make (message is user-facing)."""


def _may_manage_users(actor) -> bool:
    return bool(actor and actor.is_active and actor.role == Role.ADMIN)


def user_change_role(*, actor: User, user: User, role: str) -> User:
    """An admin changes someone else's role. Nobody changes their own (no self-escalation, and no
    admin locks the shop out by demoting themself)."""
    from django.utils.translation import gettext as _

    if not _may_manage_users(actor):
        raise UserChangeRefused(_("Only admins change roles."))
    current = User.objects.only("role").get(pk=user.pk).role
    if actor.pk == user.pk and role != current:
        raise UserChangeRefused(_("You cannot change your own role."))
    return user_set_role(user=user, role=role)


def _sessions_end(*, user: User) -> int:
    """Delete the user's stored sessions (database session engine): they are signed out at once."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator(chunk_size=500):
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def user_set_active(*, actor: User, user: User, is_active: bool) -> User:
    """Activate or deactivate an account; deactivating ends its sessions at once (and the
    authentication backends refuse an inactive user on every later request anyway)."""
    from django.utils.translation import gettext as _

    if not _may_manage_users(actor):
        raise UserChangeRefused(_("Only admins activate or deactivate users."))
    if actor.pk == user.pk:
        raise UserChangeRefused(_("You cannot deactivate or activate your own account."))
    User.objects.filter(pk=user.pk).update(is_active=is_active)
    user.is_active = is_active
    if not is_active:
        _sessions_end(user=user)
    return user
