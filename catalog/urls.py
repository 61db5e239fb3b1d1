from django.urls import path

from catalog import views, views_after_sale

app_name = "catalog"

urlpatterns = [
    path("products/", views.product_list, name="product_list"),
    path("product/<int:pk>/", views.product_detail, name="product_detail"),
    path("reviews/product/<int:pk>/", views_after_sale.review_submit, name="review_submit"),
    path("wishlist/toggle/<int:pk>/", views_after_sale.wishlist_toggle_view, name="wishlist_toggle"),
    path("stock-alerts/product/<int:pk>/", views_after_sale.stock_alert_view, name="stock_alert"),
    path("product/<int:pk>/<slug:slug>/", views.product_detail, name="product_detail_slug"),
    path("wishlist/", views_after_sale.wishlist_page, name="wishlist"),
    path("search/", views.search, name="search"),
    path("search/autocomplete/", views.autocomplete, name="autocomplete"),
    path("api/products/<int:pk>/", views.product_api, name="product_api"),
]
