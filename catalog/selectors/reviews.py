"""Reads for reviews: the product page's published reviews and its distribution by stars."""

from django.db.models import Count

from catalog.models import Product, Review, ReviewStatus


def review_distribution(*, product: Product) -> list[tuple[int, int, int]]:
    """(stars, count, percent) from 5 down to 1 for the published reviews: one query."""
    counts = dict(
        Review.objects.filter(product=product, status=ReviewStatus.PUBLISHED)
        .values("rating")
        .annotate(n=Count("pk"))
        .values_list("rating", "n")
    )
    total = sum(counts.values())
    return [
        (stars, counts.get(stars, 0), round(100 * counts.get(stars, 0) / total) if total else 0)
        for stars in range(5, 0, -1)
    ]


def reviews_published(*, product: Product, stars: int | None = None):
    reviews = Review.objects.filter(product=product, status=ReviewStatus.PUBLISHED).select_related("user")
    reviews = reviews.prefetch_related("photos")
    if stars:
        reviews = reviews.filter(rating=stars)
    return reviews
