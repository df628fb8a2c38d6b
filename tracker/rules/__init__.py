"""Pure rules: load programs (data), evaluate facts into verdicts, items and notes."""
