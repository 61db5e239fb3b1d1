"""Background work of the chat (django.tasks)."""

from django.tasks import task


@task
def chat_followup_email_task(room_id: int, side: str) -> None:
    from chat.services.followups import chat_followup_email_send

    chat_followup_email_send(room_id=room_id, side=side)


@task
def chat_followups_task() -> dict:
    """The cron-friendly twin of `manage.py chat_followups`."""
    from chat.services.followups import chat_followups_send

    return chat_followups_send()
