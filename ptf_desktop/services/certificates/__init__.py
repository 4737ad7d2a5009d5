"""Certificates: the register, issuing, re-issuing, revoking, verifying, batches, letters."""
