from django.core.management.base import BaseCommand

from chat.services.followups import chat_followups_send


class Command(BaseCommand):
    help = "E-mail follow-ups for chat messages left unread longer than CHAT_FOLLOWUP_DELAY_MINUTES (run by cron)."

    def handle(self, *args, **options):
        sent = chat_followups_send()
        self.stdout.write(f"staff={sent['staff']} buyer={sent['buyer']}")
