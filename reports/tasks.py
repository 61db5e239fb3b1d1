"""Background generation of long sales reports (django.tasks; `TASKS_BACKEND=database` in production)."""

from django.tasks import task


@task
def sales_report_generate_task(report_id: int) -> None:
    from reports.services import sales_report_generate

    sales_report_generate(report_id=report_id)
