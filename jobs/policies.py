"""Who may see a job: its owner only. Anyone else gets the same 404 as for a job that does not exist.
Who may *start* a kind of job is each kind's own `allowed` (jobs.registry), asked again when it runs."""


def job_can_view(user, job) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and job.user_id == user.pk)


def kinds_available_to(user, kinds) -> list:
    """Kinds `user` could start without parameters narrowing it down (shown in the API's kind list)."""
    result = []
    for kind in kinds:
        try:
            if kind.allowed(user, {}):
                result.append(kind)
        except Exception:  # an `allowed` that needs its parameters: not listed
            continue
    return result
