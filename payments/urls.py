from django.urls import path

from payments import views

app_name = "payments"

urlpatterns = [
    path("payments/stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
    path("payments/midtrans/notification/", views.midtrans_notification, name="midtrans_notification"),
    path("payments/midtrans/finish/", views.midtrans_finish, name="midtrans_finish"),
    path("payments/midtrans/unfinish/", views.midtrans_unfinish, name="midtrans_unfinish"),
    path("payments/midtrans/error/", views.midtrans_error, name="midtrans_error"),
    path("payments/return/<uuid:public_id>/", views.payment_return, name="payment_return"),
    path("payments/proofs/<int:pk>/", views.transfer_proof_image, name="transfer_proof_image"),
    path("orders/<str:number>/pay/", views.order_pay, name="order_pay"),
    path("orders/<str:number>/payment-status/", views.order_payment_status, name="order_payment_status"),
    path("orders/<str:number>/transfer-proof/", views.transfer_proof_upload, name="transfer_proof_upload"),
]
