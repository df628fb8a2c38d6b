"""Pure file validation: bytes in, findings out. No Flask, no SQLAlchemy."""
