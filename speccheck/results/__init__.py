"""The typed report values every command returns, and the JSON Schemas exported from them and the file models."""
