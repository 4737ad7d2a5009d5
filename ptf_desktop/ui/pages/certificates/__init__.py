"""The Certificates area: the register, issuing, verifying, year batches and letters."""
