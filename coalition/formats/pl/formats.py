# One date format for this language on every page and in every email (issue 18):
# the day, the month written out and the year. Short dates look the same.
DATE_FORMAT = "j E Y"
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = DATE_FORMAT + " H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
TIME_FORMAT = "H:i"
