"""Dates and numbers for Spanish readers, who are mostly in the US: "mar 8 dic 2026", and
the US's decimal point and thousands comma (as Mexico writes them too), not Spain's; months
in lower case, as Spanish writes them."""

DATE_FORMAT = "D j b Y"
SHORT_DATE_FORMAT = "j b"
DATETIME_FORMAT = "D j b Y, H:i"
SHORT_DATETIME_FORMAT = "j b, H:i"
YEAR_MONTH_FORMAT = "F \\d\\e Y"
MONTH_DAY_FORMAT = "j \\d\\e F"
TIME_FORMAT = "H:i"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
