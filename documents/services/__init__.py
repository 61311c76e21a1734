from .reference import reference_create, reference_delete, reference_update, term_set_current

__all__ = ["reference_create", "reference_delete", "reference_update", "term_set_current"]
