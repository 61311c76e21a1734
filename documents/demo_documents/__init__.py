"""Demo documents for the quick start (`manage.py seed_demo`): incoming documents at two agencies in every state
of their handling, with overdue and due-soon deadlines, and outgoing documents at every stage of approval."""
from .load import ALREADY_LOADED, DemoDocumentsResult, demo_documents_load, demo_documents_loaded

__all__ = ["ALREADY_LOADED", "DemoDocumentsResult", "demo_documents_load", "demo_documents_loaded"]
