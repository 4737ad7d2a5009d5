"""Undo commands for testimonials.

The service removes a testimonial but cannot bring one back, so undoing a removal (or
redoing an addition) adds it again with the same content under a new key; the shared
``RegisterEvents`` maps the old key to the new one for commands pushed earlier.
"""

from __future__ import annotations

import uuid

from ....services.register.organization_records import TestimonialRecord
from ....services.register.organization_service import OrganizationService
from .undo_commands import RegisterCommand, RegisterEvents


class AddTestimonialCommand(RegisterCommand):
    """A new testimonial; undo removes it, redo adds it again."""

    TEXT = "testimonial by {person}"

    def __init__(
        self, service: OrganizationService, events: RegisterEvents, organization_id: uuid.UUID,
        testimonial: TestimonialRecord,
    ) -> None:  # fmt: skip
        super().__init__(events, organization_id, self.TEXT.format(person=testimonial.person))
        self._service = service
        self._testimonial = testimonial

    def _redo(self) -> None:
        t = self._testimonial
        new_id = self._service.add_testimonial(
            self.organization_id, t.person, t.text, t.given_on, t.approved, t.published_where
        )
        self._events.replace_id(self._events.current_id(t.id), new_id)

    def _undo(self) -> None:
        self._service.remove_testimonial(self._events.current_id(self._testimonial.id))


class RemoveTestimonialCommand(AddTestimonialCommand):
    """A removed testimonial; undo adds it again as it was."""

    reverses = True
    TEXT = "removal of the testimonial by {person}"


class TestimonialApprovalCommand(RegisterCommand):
    """Approval for marketing use given or withdrawn; undo restores the previous state."""

    def __init__(
        self, service: OrganizationService, events: RegisterEvents, organization_id: uuid.UUID,
        testimonial: TestimonialRecord, approved: bool, published_where: str,
    ) -> None:  # fmt: skip
        verb = "approval" if approved else "withdrawn approval"
        super().__init__(
            events, organization_id, f"{verb} of the testimonial by {testimonial.person}"
        )
        self._service = service
        self._id = testimonial.id
        self._before = (testimonial.approved, testimonial.published_where)
        self._after = (approved, published_where)

    def _redo(self) -> None:
        self._service.set_testimonial_approval(self._events.current_id(self._id), *self._after)

    def _undo(self) -> None:
        self._service.set_testimonial_approval(self._events.current_id(self._id), *self._before)
