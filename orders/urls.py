from django.urls import path

from orders.views import cart, checkout, orders, returns, vouchers

app_name = "orders"

urlpatterns = [
    path("cart/", cart.cart_detail, name="cart"),
    path("cart/add/<int:product_id>/", cart.cart_add, name="cart_add"),
    path("cart/update/<int:product_id>/", cart.cart_update, name="cart_update"),
    path("cart/remove/<int:product_id>/", cart.cart_remove, name="cart_remove"),
    path("cart/voucher/", vouchers.cart_voucher_apply, name="cart_voucher_apply"),
    path("cart/voucher/remove/", vouchers.cart_voucher_remove, name="cart_voucher_remove"),
    path("checkout/", checkout.checkout, name="checkout"),
    path("checkout/quote/", checkout.checkout_quote, name="checkout_quote"),
    path("orders/", orders.order_list, name="order_list"),
    path("orders/<str:number>/", orders.order_detail, name="order_detail"),
    path("orders/<str:number>/invoice.pdf", orders.order_invoice, name="order_invoice"),
    path("orders/<str:number>/cancel/", orders.order_cancel, name="order_cancel"),
    path("orders/<str:number>/received/", orders.order_received, name="order_received"),
    path("orders/<str:number>/return/", returns.return_request, name="return_request"),
]
