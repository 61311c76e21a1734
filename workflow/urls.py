from django.urls import path

from . import views

app_name = "workflow"

urlpatterns = [
    path("", views.deadline_overview, name="deadlines"),
    path("export/", views.deadline_export, name="deadlines_export"),
]
