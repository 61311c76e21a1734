from . import policies


def portal(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_admin": False, "two_factor_pending": False}
    pending = not user.is_verified() and (policies.user_requires_two_factor(user) or policies.user_has_confirmed_device(user))
    return {"is_admin": policies.user_is_admin(user), "two_factor_pending": pending}
