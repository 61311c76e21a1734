import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iooffice.settings.base")

app = Celery("iooffice")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["iooffice"], related_name="tasks")
