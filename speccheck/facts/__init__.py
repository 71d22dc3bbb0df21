"""Facts the rules read: candidate facts from applications (role, criterion and duty facts for the audit)."""
