"""The only part of the project that talks to the database."""
