from django.apps import AppConfig


class CentreConfig(AppConfig):
    name = "generator.web.centre"
    label = "centre"
    verbose_name = "Методический центр"
    default_auto_field = "django.db.models.BigAutoField"
