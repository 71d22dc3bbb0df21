"""Documents people write (Word, PDF, plain text) read into blocks that remember where they stand."""

# The suffixes of documents, here so that finding files needs none of the readers (``documents.read``).
DOCUMENT_SUFFIXES = (".docx", ".pdf", ".txt", ".md")
SEARCHED_SUFFIXES = (".docx", ".pdf", ".txt")  # found in folders (a folder's README.md is not a document to check)
