"""Hubdir's one way of writing dates (FORMAT_MODULE_PATH): "Tue 8 Dec 2026", "8 Dec" where
space is short. Templates name these formats (`|date`, `|date:"SHORT_DATE_FORMAT"`) rather
than spelling their own; what is not set here comes from Django's English formats."""

DATE_FORMAT = "D j M Y"
SHORT_DATE_FORMAT = "j M"
DATETIME_FORMAT = "D j M Y, H:i"
SHORT_DATETIME_FORMAT = "j M, H:i"
YEAR_MONTH_FORMAT = "M Y"
MONTH_DAY_FORMAT = "j M"
TIME_FORMAT = "H:i"
