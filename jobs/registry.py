"""Kinds of background job. An app declares each kind once, in `<app>/job_kinds.py` (autodiscovered at start-up):

    @job_kind("documents.incoming_register", label=_("Incoming register"), allowed=lambda user, params: ...,
              clean=clean_params)
    def incoming_register(job, progress) -> JobResult:
        ...

`allowed(user, params)` is asked before a job is started and again by the kind itself when it runs (access may
have changed meanwhile). `clean(params) -> params` validates what the caller sent (raising ValidationError) and
returns what is stored. `run(job, progress)` computes the result as `job.user` may see things at run time,
calls `progress(done, total)` as it goes (throttled by the caller, so once per row is fine), and returns a
JobResult, or raises JobError with a message for the user.
"""
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import InvalidJobParams, JobNeedsFile, UnknownJobKind  # noqa: F401 (re-exported for kinds)


@dataclass(frozen=True)
class JobResult:
    filename: str
    content_type: str
    content: bytes
    message: str = ""  # a summary shown with the download, e.g. "12 users were created"


class JobError(Exception):
    """A job that cannot be completed for a reason the user can act on: `message` is shown on the job page,
    `details` (JSON) may carry a report, e.g. the rows of an import that are wrong."""

    def __init__(self, message, *, code: str = "job_error", details: dict | None = None):
        self.message = message
        self.code = code
        self.details = details or {}
        super().__init__(str(message))


def _no_params(params: dict) -> dict:
    return {}


@dataclass(frozen=True)
class JobKind:
    code: str
    label: Any  # lazy text
    run: Callable
    allowed: Callable[[Any, dict], bool]
    clean: Callable[[dict], dict] = _no_params
    needs_input: bool = False  # started with an uploaded file (portal only), kept in Job.input_file
    queue: str = "default"
    result_hours: int | None = None  # how long the result is kept; None: settings.IOOFFICE_JOB_RESULT_HOURS


_KINDS: dict[str, JobKind] = {}


def job_kind(code: str, *, label, allowed, clean=None, needs_input: bool = False, queue: str = "default",
             result_hours: int | None = None):
    def register(run):
        if code in _KINDS and _KINDS[code].run is not run:
            raise RuntimeError(f"job kind {code!r} is declared twice")
        _KINDS[code] = JobKind(code=code, label=label, run=run, allowed=allowed, clean=clean or _no_params,
                               needs_input=needs_input, queue=queue, result_hours=result_hours)
        return run

    return register


def get_kind(code: str) -> JobKind:
    try:
        return _KINDS[code]
    except KeyError:
        raise UnknownJobKind(details={"kind": code}) from None


def kind_label(code: str) -> str:
    kind = _KINDS.get(code)
    return str(kind.label) if kind else code


def all_kinds() -> list[JobKind]:
    return sorted(_KINDS.values(), key=lambda k: k.code)
