"""The current request's IP and user agent, so services can audit without taking a request."""
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    ip_address: str | None = None
    user_agent: str = ""


_current: ContextVar[RequestContext] = ContextVar("iooffice_request_context", default=RequestContext())


def current() -> RequestContext:
    return _current.get()


def set_current(ctx: RequestContext):
    return _current.set(ctx)


def reset(token) -> None:
    _current.reset(token)


def from_request(request) -> RequestContext:
    from axes.helpers import get_client_ip_address

    return RequestContext(
        ip_address=get_client_ip_address(request) or None,
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:1000],
    )
