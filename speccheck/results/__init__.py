"""The typed report values every command returns, the one Report contract they keep, and the JSON Schemas exported from them and the file models."""
