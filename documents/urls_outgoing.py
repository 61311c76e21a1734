from django.urls import path

from . import views_outgoing as views

app_name = "outgoing"

urlpatterns = [
    path("", views.outgoing_list, name="list"),
    path("new/", views.outgoing_new, name="new"),
    path("register/", views.register_book, name="register_book"),
    path("register/export/", views.register_export, name="register_export"),
    path("reservations/", views.reservations, name="reservations"),
    path("<int:pk>/", views.outgoing_detail, name="detail"),
    path("<int:pk>/versions/", views.outgoing_new_version, name="new_version"),
    path("<int:pk>/submit/", views.outgoing_submit, name="submit"),
    path("<int:pk>/decide/", views.outgoing_decide, name="decide"),
    path("<int:pk>/issue/", views.outgoing_issue, name="issue"),
    path("<int:pk>/recall/", views.outgoing_recall, name="recall"),
    path("exchange/<int:pk>/register/", views.exchange_register, name="exchange_register"),
    path("delegations/", views.delegations, name="delegations"),
    path("delegations/new/", views.delegation_create, name="delegation_create"),
    path("delegations/<int:pk>/revoke/", views.delegation_revoke, name="delegation_revoke"),
]
