"""Risk tools: scored questionnaires held as data (questions, weights, a threshold), each
person's score history, and the People Intelligence Board list of those above the threshold."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class Questionnaire(models.Model):
    slug = models.SlugField(max_length=40, unique=True)
    title = models.CharField(max_length=150)
    description = models.TextField(blank=True)
    threshold = models.PositiveSmallIntegerField(
        help_text="A score at or above this puts the person on the People Intelligence Board."
    )
    active = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=300)
    hint = models.CharField(max_length=300, blank=True)
    weight = models.PositiveSmallIntegerField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["questionnaire", "order"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "order"], name="ccu_question_order")
        ]

    def __str__(self) -> str:
        return self.text


class RiskAssessment(models.Model):
    """One scoring of one person with one questionnaire. The score and the threshold it was
    measured against are kept as they were, so a later change of weights leaves history true."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="assessments"
    )
    score = models.PositiveSmallIntegerField()
    threshold = models.PositiveSmallIntegerField()
    rationale = models.TextField()
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assessed_on = models.DateField(default=timezone.localdate)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        indexes = [
            models.Index(
                fields=["person", "questionnaire", "-assessed_on"], name="ccu_risk_person_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} score {self.score}"

    @property
    def above_threshold(self) -> bool:
        return self.score >= self.threshold


class RiskAnswer(models.Model):
    assessment = models.ForeignKey(RiskAssessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    answer = models.BooleanField()
    weight = models.PositiveSmallIntegerField(help_text="The question's weight when answered.")

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="ccu_risk_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.question}: {'yes' if self.answer else 'no'}"
