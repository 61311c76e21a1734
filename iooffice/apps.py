from django.contrib.admin.apps import AdminConfig


class IoofficeAdminConfig(AdminConfig):
    default_site = "iooffice.admin_site.IoofficeAdminSite"
