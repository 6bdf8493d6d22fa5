"""Stage 1: the workbook: its contract (sheets, columns, cells), reading it into the
model, the blank book and the book of the next year."""
