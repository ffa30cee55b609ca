"""How the areas on either side of an exchange plug into it, from their ``AppConfig.ready()``.

The exchange knows no area. The asking area registers, for each kind of record it asks about,
what happens when the CCU answers (``register_answer_handler``) and what the CCU is shown of the
record to search its holdings (``register_check_details``). The answering side registers what
happens when a check is asked (``register_request_handler``: the CCU puts it in its queue and
tells its analysts). The second crossing runs the other way: the receiving side registers what
a sanitised referral opens (``register_referral_receiver``: PSD opens a conduct matter from the
sanitised text alone, without the source). Asking for a check about a kind of record nobody
will hear the answer to, or with nobody to answer it, is a programming error, not a user's: it
fails loudly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import models

if TYPE_CHECKING:
    from standards.exchange.models import IntelligenceCheck


@dataclass(frozen=True)
class CheckDetail:
    """One row of the CCU's summary of the asking record: a label and its lines of text."""

    label: str
    lines: tuple[str, ...]


# handler(asked_for=<the asking record>, outcome=<selectors.CheckOutcome>), inside the answer's
# transaction: it gets the sanitised outcome, never the check itself (nor the CCU's note).
AnswerHandler = Callable[..., None]
# describe(<the asking record>) -> list[CheckDetail]
DetailProvider = Callable[[models.Model], list[CheckDetail]]
# handler(check=<the new IntelligenceCheck>), inside the request's transaction.
RequestHandler = Callable[..., None]

# receive(*, summary, subject_ids, received_on, acting_user) -> the record it opened, inside the
# referral's transaction. It is given the sanitised text and the people it is about, nothing else.
ReferralReceiver = Callable[..., models.Model]

_ANSWER_HANDLERS: dict[str, AnswerHandler] = {}
_REFERRAL_RECEIVERS: dict[str, ReferralReceiver] = {}
_DETAIL_PROVIDERS: dict[str, DetailProvider] = {}
_REQUEST_HANDLERS: dict[str, RequestHandler] = {}


def _label(model: type[models.Model] | str) -> str:
    """``"app_label.modelname"``, as a content type names it."""
    return model.lower() if isinstance(model, str) else model._meta.concrete_model._meta.label_lower


def _label_of(check: IntelligenceCheck) -> str:
    content_type = ContentType.objects.get_for_id(check.asked_for_type_id)
    return f"{content_type.app_label}.{content_type.model}"


def register_answer_handler(model: type[models.Model] | str, handler: AnswerHandler) -> None:
    _ANSWER_HANDLERS[_label(model)] = handler


def register_check_details(model: type[models.Model] | str, describe: DetailProvider) -> None:
    _DETAIL_PROVIDERS[_label(model)] = describe


def register_request_handler(key: str, handler: RequestHandler) -> None:
    _REQUEST_HANDLERS[key] = handler


def answer_handler_for(model: type[models.Model] | str) -> AnswerHandler:
    try:
        return _ANSWER_HANDLERS[_label(model)]
    except KeyError:
        raise ImproperlyConfigured(
            f"No area handles the answer to a check asked for a {_label(model)}"
        ) from None


def answer_handler_of(check: IntelligenceCheck) -> AnswerHandler:
    return answer_handler_for(_label_of(check))


def request_handlers() -> list[RequestHandler]:
    if not _REQUEST_HANDLERS:
        raise ImproperlyConfigured("No area answers intelligence checks")
    return [_REQUEST_HANDLERS[key] for key in sorted(_REQUEST_HANDLERS)]


def details_for(check: IntelligenceCheck) -> list[CheckDetail]:
    describe = _DETAIL_PROVIDERS.get(_label_of(check))
    if describe is None or check.asked_for is None:
        return []
    return describe(check.asked_for)


def register_referral_receiver(key: str, receive: ReferralReceiver) -> None:
    _REFERRAL_RECEIVERS[key] = receive


def referral_receiver() -> ReferralReceiver:
    """The one receiver of sanitised referrals (PSD's conduct matters)."""
    if len(_REFERRAL_RECEIVERS) != 1:
        raise ImproperlyConfigured(
            f"Sanitised referrals need exactly one receiver, not {len(_REFERRAL_RECEIVERS)}"
        )
    return next(iter(_REFERRAL_RECEIVERS.values()))
