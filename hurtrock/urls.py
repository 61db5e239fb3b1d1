from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import set_language
from django.views.static import serve

from hurtrock import views

urlpatterns = [
    path("", views.home, name="home"),
    path("contact/", views.contact, name="contact"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/profile/", views.profile, name="profile"),
    path("accounts/", include("allauth.urls")),
    # The chat console replaces the admin's chat app index (its model pages stay under it).
    path("admin/chat/", include("chat.console")),
    path("admin/", admin.site.urls),
    path("", include("catalog.urls")),
    path("", include("orders.urls")),
    path("", include("payments.urls")),
    path("", include("shipping.urls")),
    path("", include("inventory.urls")),
    path("", include("chat.urls")),
]

if settings.BENCH_ENDPOINTS:
    from hurtrock import bench

    urlpatterns += [path("_bench/bare/", bench.bare)]

if settings.SERVE_MEDIA:
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

handler400 = "hurtrock.errors.bad_request"
handler403 = "hurtrock.errors.permission_denied"
handler404 = "hurtrock.errors.page_not_found"
handler500 = "hurtrock.errors.server_error"
