"""Keep the search vocabulary current as products, categories and synonym groups change."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from catalog.models import Category, Product
from catalog.search_models import SynonymGroup
from catalog.services.search import (
    search_synonyms_sync,
    search_vocabulary_add_category,
    search_vocabulary_add_product,
)


@receiver(post_save, sender=Product, dispatch_uid="search_vocabulary_product")
def _product_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        search_vocabulary_add_product(instance)


@receiver(post_save, sender=Category, dispatch_uid="search_vocabulary_category")
def _category_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        search_vocabulary_add_category(instance)


@receiver(post_save, sender=SynonymGroup, dispatch_uid="search_synonyms_saved")
@receiver(post_delete, sender=SynonymGroup, dispatch_uid="search_synonyms_deleted")
def _synonyms_changed(sender, **kwargs):
    search_synonyms_sync()
