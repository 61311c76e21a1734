# syntax=docker/dockerfile:1
# One image for every iooffice process: web (the default CMD), Celery worker and beat, and one-shot
# manage.py commands. docker-compose.yml shows how to run them together.

# Stage 1: the front-end libraries (Bootstrap, htmx), served locally from node_modules: no CDN.
FROM node:20-bookworm-slim AS frontend
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# Stage 2: the application.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Runtime tools: libmagic (file type detection), Tesseract with Vietnamese and English (OCR),
# Ghostscript, qpdf and poppler (PDF handling); gettext compiles the translations below.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libmagic1 tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng antiword ghostscript qpdf poppler-utils gettext fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*

RUN groupadd --system iooffice \
 && useradd --system --gid iooffice --home-dir /app --no-create-home --shell /usr/sbin/nologin iooffice

WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY --from=frontend /build/node_modules ./node_modules
COPY . .

# Translations and static files are built into the image. The values below only let the settings load:
# nothing connects to a database or Redis here, and they do not stay in the image's environment.
# The code stays owned by root (read-only for the app); only var/ (media, beat schedule) is the app's.
ENV IOOFFICE_VAR_DIR=/app/var
RUN export DJANGO_SECRET_KEY=build DATABASE_URL=postgres://unused/unused REDIS_URL=redis://unused \
           DJANGO_SETTINGS_MODULE=iooffice.settings.base \
 && python manage.py compilemessages -v 0 --ignore node_modules \
 && python manage.py collectstatic --noinput -v 0 \
 && mkdir -p var/media var/search-index \
 && chown -R iooffice:iooffice var

ENV DJANGO_SETTINGS_MODULE=iooffice.settings.production
USER iooffice
EXPOSE 8000

# /healthz answers 200 while the database and Redis are up (503 otherwise). It is exempt from the HTTPS
# redirect; the Host header is the first of DJANGO_ALLOWED_HOSTS so that Django accepts the request.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request as r; h = os.environ.get('DJANGO_ALLOWED_HOSTS', '').split(',')[0].strip().lstrip('.'); h = 'localhost' if h in ('', '*') else h; r.urlopen(r.Request('http://127.0.0.1:8000/healthz', headers={'Host': h}), timeout=8)"]

CMD ["gunicorn", "iooffice.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
