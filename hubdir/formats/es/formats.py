"""Dates and numbers for Spanish readers, who are mostly in the US: "mar 8 dic 2026", and
the US's decimal point and thousands comma (as Mexico writes them too), not Spain's."""

DATE_FORMAT = "D j M Y"
SHORT_DATE_FORMAT = "j M"
DATETIME_FORMAT = "D j M Y, H:i"
SHORT_DATETIME_FORMAT = "j M, H:i"
YEAR_MONTH_FORMAT = "F \\d\\e Y"
MONTH_DAY_FORMAT = "j \\d\\e F"
TIME_FORMAT = "H:i"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
