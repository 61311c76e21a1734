"""Background polls (the notification bell, extraction progress) must neither renew the idle session nor write it:
a poll that loaded the session before a login or 2FA step and saved it after would undo that step."""
from functools import wraps

from django.contrib.sessions.middleware import SessionMiddleware


def passive_session(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.passive_session = True
        return view(request, *args, **kwargs)

    return wrapper


class PollAwareSessionMiddleware(SessionMiddleware):
    def process_response(self, request, response):
        if getattr(request, "passive_session", False):
            return response
        return super().process_response(request, response)
