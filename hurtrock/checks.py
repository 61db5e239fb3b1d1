"""System checks for misconfiguration that Django's own checks do not catch."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def check_tasks_backend(app_configs, **kwargs):
    if settings.TASKS_BACKEND not in ("immediate", "database"):
        return [Error("TASKS_BACKEND must be 'immediate' or 'database'.", id="hurtrock.E001")]
    return []
