"""The site's URLs plus a stand-in `chat:room`, to test that the product page offers the chat once it exists."""

from django.http import HttpResponse
from django.urls import include, path

from hurtrock.urls import urlpatterns as site_urlpatterns

chat_patterns = ([path("chat/", lambda request: HttpResponse("chat"), name="room")], "chat")

urlpatterns = [path("test-chat/", include(chat_patterns)), *site_urlpatterns]
