"""Documents people write (Word, PDF, plain text) read into blocks that remember where they stand."""
