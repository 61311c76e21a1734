"""Settings shared by every environment. Values come from the environment (django-environ).

`DATABASE_URL` and `REDIS_URL` are required here; the quick start (`make run`) sets them to
embedded servers when the operator has not.
"""
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()
VAR_DIR = Path(env("IOOFFICE_VAR_DIR", default=str(BASE_DIR / "var")))

SECRET_KEY = env("DJANGO_SECRET_KEY", default="") or (
    Path(env("IOOFFICE_SECRET_KEY_FILE")).read_text().strip() if env("IOOFFICE_SECRET_KEY_FILE", default="") else ""
)
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "iooffice.apps.IoofficeAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "iooffice.audit",
    "accounts",
    "documents",
    "workflow",
    "search",
    "notifications",
    "jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "iooffice.sessions.PollAwareSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "iooffice.audit.middleware.RequestContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "iooffice.urls"
WSGI_APPLICATION = "iooffice.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.portal",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL")}
# A Unix-socket directory travels percent-encoded in the URL host (the embedded PostgreSQL uses one).
DATABASES["default"]["HOST"] = unquote(DATABASES["default"].get("HOST", ""))
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("IOOFFICE_DB_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.UserBackend",
    "guardian.backends.ObjectPermissionBackend",
    "accounts.backends.AdminRoleBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.password_validation.CharacterClassValidator"},
]

# Sessions: idle timeout, renewed on every request, so the age is the idle limit.
SESSION_COOKIE_AGE = env.int("IOOFFICE_SESSION_IDLE_MINUTES", default=15) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_ENGINE = "django.contrib.sessions.backends.db"
CSRF_COOKIE_HTTPONLY = True

# Login lockout (django-axes): counted per user name, stored in the database so every web node agrees.
AXES_FAILURE_LIMIT = env.int("IOOFFICE_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("IOOFFICE_LOGIN_COOLOFF_MINUTES", default=15))
# Per user name only: agencies sit behind one NAT address, so counting per IP would lock a whole office.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.lockout_response"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env.int("IOOFFICE_PROXY_COUNT", default=0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# Two-factor: TOTP is required for administrators and available to everyone.
ANONYMOUS_USER_NAME = None  # no anonymous access to documents, so no placeholder user row
OTP_TOTP_ISSUER = env("IOOFFICE_OTP_ISSUER", default="iooffice")
IOOFFICE_REQUIRE_2FA_FOR_ADMINS = env.bool("IOOFFICE_REQUIRE_2FA_FOR_ADMINS", default=True)

# Internationalisation: Vietnamese first.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["iooffice.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = Path(env("IOOFFICE_MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "media/"  # never served directly: downloads go through permission-checked views

# Security headers valid everywhere; production.py adds the HTTPS-only ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "iooffice.api.pagination.StandardPagination",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
        "rest_framework.filters.SearchFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "iooffice.api.errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"token": "10/minute"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "iooffice API",
    "DESCRIPTION": "E-office for the agencies of a Provincial Party Committee. "
    "Errors always have the shape {code, message, details}.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from the installed sidecar package: these networks are often offline, so no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "DocumentStatusEnum": "documents.models.Document.Status",
        "AssignmentStatusEnum": "workflow.models.Assignment.Status",
    },
}

# Celery: Redis broker, JSON only, nothing lost when a worker dies (see ARCHITECTURE.md §4).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
# Nothing reads task results (state lives in PostgreSQL), and a task that stores one makes the sender subscribe to
# the result backend: with Redis down, every send would then wait ~20 s reconnecting instead of failing at once.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {"documents.tasks.extract_*": {"queue": "ocr"}}
CELERY_TASK_SOFT_TIME_LIMIT = env.int("IOOFFICE_TASK_SOFT_TIME_LIMIT", default=600)
CELERY_TASK_TIME_LIMIT = env.int("IOOFFICE_TASK_TIME_LIMIT", default=660)
# Longer than the longest task, so Redis does not hand an unacknowledged task to a second worker.
_VISIBILITY_TIMEOUT = CELERY_TASK_TIME_LIMIT * 2
# A broker that does not answer must not hold a web request for long (see iooffice.queue).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": _VISIBILITY_TIMEOUT, "socket_connect_timeout": 3}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"visibility_timeout": _VISIBILITY_TIMEOUT}
CELERY_RESULT_EXPIRES = timedelta(days=1)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_SEND_TASK_EVENTS = False
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "beat-heartbeat": {"task": "iooffice.tasks.beat_heartbeat", "schedule": 15.0},
    "sweep-unfinished-extractions": {"task": "documents.tasks.sweep_unfinished_extractions", "schedule": 300.0},
    "search-drain-outbox": {"task": "search.tasks.drain_outbox", "schedule": 60.0},
    "search-check-and-repair": {"task": "search.tasks.check_and_repair", "schedule": crontab(hour=2, minute=30)},
    "notifications-sweep-undelivered": {"task": "notifications.tasks.sweep_undelivered", "schedule": 300.0},
    "notifications-deadline-reminders": {"task": "notifications.tasks.deadline_reminders", "schedule": crontab(minute=5)},
    "notifications-send-digests": {"task": "notifications.tasks.send_digests", "schedule": crontab(minute=15)},
    "jobs-sweep": {"task": "jobs.tasks.sweep_jobs", "schedule": 120.0},
    "jobs-cleanup-expired": {"task": "jobs.tasks.cleanup_expired_jobs", "schedule": crontab(minute=45)},
}

IOOFFICE_UPLOAD_MAX_BYTES = env.int("IOOFFICE_UPLOAD_MAX_BYTES", default=50 * 1024 * 1024)
IOOFFICE_IMAGE_MAX_PIXELS = env.int("IOOFFICE_IMAGE_MAX_PIXELS", default=100_000_000)
IOOFFICE_PDF_ALLOW_ACTIVE_CONTENT = env.bool("IOOFFICE_PDF_ALLOW_ACTIVE_CONTENT", default=False)
IOOFFICE_EXTRACTION_QUEUED_GRACE = env.int("IOOFFICE_EXTRACTION_QUEUED_GRACE", default=300)
IOOFFICE_HEALTH_WORKER_TIMEOUT = env.float("IOOFFICE_HEALTH_WORKER_TIMEOUT", default=1.5)
IOOFFICE_BEAT_STALE_SECONDS = env.int("IOOFFICE_BEAT_STALE_SECONDS", default=120)
# Background jobs (exports, imports): how long a result is kept, how often progress is written, when the
# sweep sends again a job still queued, how many times a job whose worker died is tried.
IOOFFICE_JOB_RESULT_HOURS = env.int("IOOFFICE_JOB_RESULT_HOURS", default=48)
IOOFFICE_JOB_PROGRESS_INTERVAL = env.float("IOOFFICE_JOB_PROGRESS_INTERVAL", default=1.0)
IOOFFICE_JOB_QUEUED_GRACE = env.int("IOOFFICE_JOB_QUEUED_GRACE", default=300)
IOOFFICE_JOB_MAX_ATTEMPTS = env.int("IOOFFICE_JOB_MAX_ATTEMPTS", default=3)
# Importing users from Excel: the largest workbook and the most rows accepted.
IOOFFICE_IMPORT_MAX_BYTES = env.int("IOOFFICE_IMPORT_MAX_BYTES", default=5 * 1024 * 1024)
IOOFFICE_IMPORT_MAX_ROWS = env.int("IOOFFICE_IMPORT_MAX_ROWS", default=1000)
IOOFFICE_SEARCH_INDEX_DIR = Path(env("IOOFFICE_SEARCH_INDEX_DIR", default=str(VAR_DIR / "search-index")))
# Facet counts on a second thread while the ranked page is computed: lower latency while a core is free.
IOOFFICE_SEARCH_PARALLEL_FACETS = env.bool("IOOFFICE_SEARCH_PARALLEL_FACETS", default=True)

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="iooffice <noreply@localhost>")
EMAIL_HOST = env("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("DJANGO_EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("DJANGO_EMAIL_TIMEOUT", default=30)
# Links in e-mails point here; e-mails are written in this language whatever the sender's session used.
IOOFFICE_SITE_URL = env("IOOFFICE_SITE_URL", default="http://localhost:8000")
IOOFFICE_EMAIL_LANGUAGE = env("IOOFFICE_EMAIL_LANGUAGE", default="vi")
IOOFFICE_REMINDER_WORKING_DAYS = env.int("IOOFFICE_REMINDER_WORKING_DAYS", default=2)
IOOFFICE_ESCALATION_LEADER_WORKING_DAYS = env.int("IOOFFICE_ESCALATION_LEADER_WORKING_DAYS", default=3)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("IOOFFICE_LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
