-- Each claim on an idempotency key has an identity, so only its holder renews, completes or releases it
-- (a claim taken over from a holder presumed dead is not touched by that holder if it comes back).
ALTER TABLE idempotency_record ADD COLUMN claim_id UUID;
