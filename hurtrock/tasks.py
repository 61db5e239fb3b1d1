"""Background work of the site-wide app (django.tasks): large imports from the admin."""

from django.tasks import task


@task
def import_run(*, job_id: str, admin: str, storage_name: str, format_index: int, user_id: int) -> None:
    from django.apps import apps
    from django.contrib import admin as django_admin
    from django.contrib.auth import get_user_model

    from hurtrock.importing import import_job_run

    model = apps.get_model(admin)
    import_job_run(
        job_id=job_id,
        model_admin=django_admin.site._registry[model],
        storage_name=storage_name,
        format_index=format_index,
        user=get_user_model().objects.get(pk=user_id),
    )
