from django.core.management.base import BaseCommand

from catalog.services.search import search_vocabulary_rebuild


class Command(BaseCommand):
    help = "Recount the search vocabulary from the catalog and the synonym groups."

    def handle(self, *args, **options):
        self.stdout.write(f"{search_vocabulary_rebuild()} words")
