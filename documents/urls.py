from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.incoming_list, name="list"),
    path("new/", views.incoming_new, name="new"),
    path("register/", views.register_book, name="register_book"),
    path("register/export/", views.register_export, name="register_export"),
    path("<int:pk>/", views.incoming_detail, name="detail"),
    path("<int:pk>/direct/", views.incoming_direct, name="direct"),
    path("<int:pk>/comment/", views.incoming_comment, name="comment"),
    path("<int:pk>/results/", views.incoming_attach_result, name="attach_result"),
    path("<int:pk>/files/<int:file_pk>/versions/", views.file_new_version, name="file_new_version"),
    path("<int:pk>/complete/", views.incoming_complete, name="complete"),
    path("<int:pk>/return/", views.incoming_return, name="return"),
    path("<int:pk>/quarantine/confirm/", views.incoming_quarantine_confirm, name="quarantine_confirm"),
    path("<int:pk>/quarantine/purge/", views.incoming_quarantine_purge, name="quarantine_purge"),
    path("assignments/<int:pk>/done/", views.assignment_done, name="assignment_done"),
    path("assignments/<int:pk>/delegate/", views.assignment_delegate, name="assignment_delegate"),
    path("versions/<int:pk>/download/", views.version_download, name="version_download"),
    path("versions/<int:pk>/read/", views.version_read, name="version_read"),
    path("versions/<int:pk>/pages/<int:page>.png", views.version_page, name="version_page"),
    path("versions/<int:pk>/status/", views.version_status, name="version_status"),
    path("versions/<int:pk>/retry/", views.version_retry, name="version_retry"),
]
