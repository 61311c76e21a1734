"""Why a job request is refused. Each has a stable `code` for the API (iooffice.api.errors)."""
from django.utils.translation import gettext_lazy as _

from iooffice.errors import DomainError, InvalidTransition


class UnknownJobKind(DomainError):
    code = "unknown_job_kind"
    default_message = _("There is no such kind of background job.")


class InvalidJobParams(DomainError):
    code = "invalid_job_params"
    default_message = _("The parameters of the job are not valid.")


class JobNeedsFile(DomainError):
    code = "job_needs_file"
    default_message = _("This kind of job needs a file and can only be started from its page in the portal.")


class JobNotFinished(InvalidTransition):
    code = "job_not_finished"
    default_message = _("The job has not finished yet, or it failed: there is no file to download.")


class JobResultExpired(DomainError):
    code = "job_result_expired"
    status = 410
    default_message = _("The file of this job is no longer kept. Start the job again.")
