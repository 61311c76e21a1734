from . import policies


def portal(request):
    user = getattr(request, "user", None)
    return {"is_admin": policies.user_is_admin(user) if user is not None else False}
