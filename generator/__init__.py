"""rmo: the official documents of a school methodological association from one workbook.

Library use: ``from generator.build import build; build("rmo.xlsx", "archive")``.
"""

__version__ = "0.1.0"
