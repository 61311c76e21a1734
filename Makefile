# The two commands of the README: `make run` and `make test`.
.PHONY: run test setup setup-dev messages

run: setup
	.venv/bin/python -m iooffice.local run

test: setup-dev
	.venv/bin/python -m iooffice.local test

setup:
	bash scripts/setup.sh requirements.txt

setup-dev:
	bash scripts/setup.sh requirements-dev.txt

# Refresh locale/vi/LC_MESSAGES/django.po after changing user-facing strings.
messages:
	DJANGO_SECRET_KEY=build DATABASE_URL=postgres://unused/unused REDIS_URL=redis://unused \
	  .venv/bin/python manage.py makemessages -l vi --ignore .venv --ignore node_modules --ignore var
