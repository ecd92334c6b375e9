"""Actors: the knowledge base of states, organisations and people, and linking mentions to it."""

from lagebild.actors.kb import Alias, KBEntry, KnowledgeBase, Role, RoleNoun

__all__ = ["Alias", "KBEntry", "KnowledgeBase", "Role", "RoleNoun"]
