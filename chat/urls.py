from django.urls import path

from chat import views

app_name = "chat"

urlpatterns = [
    path("chat/", views.room_page, name="room"),
    path("api/chat/my-room/", views.api_my_room, name="api_my_room"),
    path("api/chat/rooms/", views.api_rooms, name="api_rooms"),
    path("api/chat/rooms/<str:name>/messages/", views.api_messages, name="api_messages"),
    path("api/chat/rooms/<str:name>/mark-read/", views.api_mark_read, name="api_mark_read"),
    path("api/chat/rooms/<str:name>/photo/", views.api_photo, name="api_photo"),
    path("api/chat/rooms/<str:name>/orders/", views.api_orders, name="api_orders"),
]
